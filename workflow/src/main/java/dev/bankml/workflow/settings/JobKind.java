package dev.bankml.workflow.settings;

/**
 * The pipeline's Glue jobs (the four steps of a cycle, and the approval a person starts by hand): what each is called in metrics and messages, the Maven module whose jar
 * holds it, its main class, and the first line of its {@code --help}.
 */
public enum JobKind {
    CLEANING("cleaning", "jobs-cleaning", "dev.bankml.cleaning.CleaningJob",
            "Cleaning job: raw bank CSV -> validated, typed, partitioned Parquet + quarantine."),
    TRAINING("training", "jobs-training", "dev.bankml.training.TrainingJob",
            "Training job: cleaned bank data -> six tuned MLlib classifiers and XGBoost, metrics, champion model, "
                    + "predictions."),
    INFERENCE("inference", "jobs-training", "dev.bankml.training.inference.InferenceJob",
            "Inference job: score cleaned bank data with the champion model (or a named run's model)."),
    MONITORING("monitoring", "jobs-training", "dev.bankml.training.monitoring.MonitoringJob",
            "Monitoring job: the champion on new outcomes (out-of-time metrics) and the drift of every new delivery."),
    APPROVAL("approval", "jobs-training", "dev.bankml.training.approval.ApprovalJob",
            "Approval job: a person's decision about a model version (approve: it becomes the champion that scores "
                    + "leads; reject), recorded with who and why.");

    private final String id;
    private final String module;
    private final String mainClass;
    private final String title;

    JobKind(String id, String module, String mainClass, String title) {
        this.id = id;
        this.module = module;
        this.mainClass = mainClass;
        this.title = title;
    }

    /** Short name: the value of the {@code Job} metric dimension, and the job's name in messages. */
    public String id() {
        return id;
    }

    public String module() {
        return module;
    }

    public String mainClass() {
        return mainClass;
    }

    public String title() {
        return title;
    }
}
