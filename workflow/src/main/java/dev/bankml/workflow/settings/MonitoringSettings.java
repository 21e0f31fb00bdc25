package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.MONITORING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * When the evaluate step raises an alarm about the champion on new outcomes, one value per
 * deployment. Scope {@link Setting.Scope#DEPLOYMENT}.
 */
public final class MonitoringSettings {
    private MonitoringSettings() {
    }

    public static final Setting<Double> AUC_DROP_ALARM = Setting.builder("auc_drop_alarm", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 1))
            .byDefault(0.05)
            .help("alarm (and retrain) when the champion's AUC-ROC on a new outcomes delivery falls more than "
                    + "this below its test AUC-ROC")
            .deployedAs("aucDropAlarm")
            .readBy(MONITORING)
            .build();
    public static final Setting<Double> PSI_ALARM = Setting.builder("psi_alarm", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 10))
            .byDefault(0.25)
            .help("alarm (and retrain) when a feature's or the score's population stability index on a new "
                    + "delivery exceeds this")
            .deployedAs("psiAlarm")
            .readBy(MONITORING)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(AUC_DROP_ALARM, PSI_ALARM);
}
