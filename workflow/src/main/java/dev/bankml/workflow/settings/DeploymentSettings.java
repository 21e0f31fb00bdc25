package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.APPROVAL;
import static dev.bankml.workflow.settings.JobKind.CLEANING;
import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;
import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * What every job of a deployment shares: its name, its catalog database, its label, where its
 * metrics go. One value per deployment ({@code cdk.json} on AWS, a {@code bin/pipeline} option on a
 * laptop). Scope {@link Setting.Scope#DEPLOYMENT}.
 */
public final class DeploymentSettings {
    private DeploymentSettings() {
    }

    public static final Setting<String> ENVIRONMENT = Setting.builder("environment", Scope.DEPLOYMENT,
                    ValueType.text("[a-z][a-z0-9-]{0,20}", false,
                            "1-21 lower-case letters, digits or '-', starting with a letter", "NAME"))
            .byDefault(Default.of("local", "dev"))
            .help("deployment name: part of every resource name and a dimension of every metric")
            .deployedAs("environment")
            .fixedForRuns()
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> DATABASE_NAME = Setting.builder("database_name", Scope.DEPLOYMENT,
                    ValueType.text("[a-z][a-z0-9_]{0,60}", false,
                            "lower-case letters, digits or '_', starting with a letter", "NAME"))
            .byDefault(Default.of("bankml").derivedWhenDeployed("bankml locally, bankml_<environment> on AWS"))
            .help("catalog database of the crawled tables")
            .deployedAs("databaseName")
            .build();
    public static final Setting<String> LABEL = Setting.builder("label", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("deposit", "default", "housing", "loan")))
            .byDefault("deposit")
            .help("the yes/no column to predict")
            .deployedAs("label")
            .readBy(CLEANING, TRAINING, MONITORING)
            .readBy(INFERENCE, "which label's champion scores")
            .readBy(APPROVAL, "the label whose champion the decision is about")
            .build();
    public static final Setting<Boolean> PUBLISH_METRICS = Setting.builder("publish_metrics", Scope.DEPLOYMENT,
                    ValueType.bool())
            .byDefault(Default.of(false, true))
            .help("publish CloudWatch metrics (in the job's region)")
            .deployedAs("publishMetrics")
            .fixedForRuns()
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> CLOUDWATCH_ENDPOINT = Setting.builder("cloudwatch_endpoint", Scope.DEPLOYMENT,
                    ValueType.text("https?://\\S+", false, "an http(s) URL", "URL"))
            .help("CloudWatch endpoint override (a VPC endpoint, tests)")
            .deployedAs("cloudwatchEndpoint")
            .fixedForRuns()
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(ENVIRONMENT, DATABASE_NAME, LABEL, PUBLISH_METRICS, CLOUDWATCH_ENDPOINT);

    /** The Glue database a deployment uses unless named: {@code bankml_<environment>} ('-' becomes '_'). */
    public static String deployedDatabaseName(String environment) {
        return "bankml_" + environment.replace('-', '_');
    }

    /** A deployment's values with {@link #DATABASE_NAME}'s derived default filled in when it is not given. */
    public static SettingValues asDeployed(SettingValues values) {
        return values.isGiven(DATABASE_NAME) ? values
                : values.with(DATABASE_NAME, deployedDatabaseName(values.get(ENVIRONMENT)));
    }
}
