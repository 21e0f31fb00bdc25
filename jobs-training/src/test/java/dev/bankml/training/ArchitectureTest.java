package dev.bankml.training;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.bankml.jobs.testing.TopLevelClasses;

/**
 * The shape of the training module, as rules: packages by concept on floors that depend only downward
 * (data, features, evaluation, drift, candidates, champion, versions, report, history; the four jobs on top,
 * apart: training, inference, monitoring, approval), and no loop
 * between packages or between classes.
 */
@AnalyzeClasses(packages = "dev.bankml.training", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String JOB = "training job";
    private static final String INFERENCE = "inference job";
    private static final String MONITORING = "monitoring job";
    private static final String APPROVAL = "approval job";
    /** The four jobs, apart from each other, on top. */
    private static final String[] JOBS = {JOB, INFERENCE, MONITORING, APPROVAL};

    @ArchTest
    static final ArchRule floorsDependOnlyDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("data").definedBy("dev.bankml.training.data..")
            .layer("features").definedBy("dev.bankml.training.features..")
            .layer("evaluation").definedBy("dev.bankml.training.evaluation..")
            .layer("drift").definedBy("dev.bankml.training.drift..")
            .layer("candidates").definedBy("dev.bankml.training.candidates..")
            .layer("champion").definedBy("dev.bankml.training.champion..")
            .layer("versions").definedBy("dev.bankml.training.versions..")
            .layer("report").definedBy("dev.bankml.training.report..")
            .layer("history").definedBy("dev.bankml.training.history..")
            .layer(INFERENCE).definedBy("dev.bankml.training.inference..")
            .layer(MONITORING).definedBy("dev.bankml.training.monitoring..")
            .layer(APPROVAL).definedBy("dev.bankml.training.approval..")
            .layer(JOB).definedBy("dev.bankml.training")
            .whereLayer(JOB).mayNotBeAccessedByAnyLayer()
            .whereLayer(INFERENCE).mayNotBeAccessedByAnyLayer()
            .whereLayer(MONITORING).mayNotBeAccessedByAnyLayer()
            .whereLayer(APPROVAL).mayNotBeAccessedByAnyLayer()
            .whereLayer("history").mayOnlyBeAccessedByLayers(JOBS)
            .whereLayer("report").mayOnlyBeAccessedByLayers(with("history"))
            .whereLayer("versions").mayOnlyBeAccessedByLayers(with("report", "history"))
            .whereLayer("champion").mayOnlyBeAccessedByLayers(with("versions", "report", "history"))
            .whereLayer("candidates").mayOnlyBeAccessedByLayers(with("champion", "versions", "report", "history"))
            .whereLayer("drift").mayOnlyBeAccessedByLayers(with("candidates", "champion", "versions", "report", "history"))
            .whereLayer("evaluation").mayOnlyBeAccessedByLayers(with("drift", "candidates", "champion", "versions",
                    "report", "history"))
            .whereLayer("features").mayOnlyBeAccessedByLayers(with("drift", "candidates", "champion", "versions",
                    "report", "history"))
            .whereLayer("data").mayOnlyBeAccessedByLayers(with("features", "evaluation", "drift", "candidates",
                    "champion", "versions", "report", "history"));

    private static String[] with(String... layers) {
        String[] out = java.util.Arrays.copyOf(layers, layers.length + JOBS.length);
        System.arraycopy(JOBS, 0, out, layers.length, JOBS.length);
        return out;
    }

    @ArchTest
    static final ArchRule noLoopBetweenPackages = slices().matching("dev.bankml.training.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noLoopBetweenClasses = slices().assignedFrom(TopLevelClasses.under("dev.bankml.training"))
            .should().beFreeOfCycles();

    /** The report is pure: it renders values it is given and reads or writes nothing. */
    @ArchTest
    static final ArchRule theReportDoesNoIo = noClasses().that().resideInAPackage("dev.bankml.training.report..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.bankml.jobs.Storage")
            .orShould().dependOnClassesThat().resideInAPackage("org.apache.hadoop.fs..");

    /** Arguments are read once, into the jobs' configurations: nothing below them looks at raw arguments. */
    @ArchTest
    static final ArchRule onlyConfigurationsReadArguments = noClasses()
            .that().resideInAnyPackage("dev.bankml.training.features..", "dev.bankml.training.evaluation..",
                    "dev.bankml.training.drift..", "dev.bankml.training.candidates..", "dev.bankml.training.champion..",
                    "dev.bankml.training.versions..", "dev.bankml.training.report..", "dev.bankml.training.history..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.bankml.jobs.GlueArgs");
}
