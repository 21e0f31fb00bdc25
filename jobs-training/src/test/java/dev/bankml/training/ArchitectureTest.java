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
 * (data, features, evaluation, candidates, champion, report; the two jobs on top, apart), and no loop
 * between packages or between classes.
 */
@AnalyzeClasses(packages = "dev.bankml.training", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String JOB = "training job";
    private static final String INFERENCE = "inference job";

    @ArchTest
    static final ArchRule floorsDependOnlyDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("data").definedBy("dev.bankml.training.data..")
            .layer("features").definedBy("dev.bankml.training.features..")
            .layer("evaluation").definedBy("dev.bankml.training.evaluation..")
            .layer("candidates").definedBy("dev.bankml.training.candidates..")
            .layer("champion").definedBy("dev.bankml.training.champion..")
            .layer("report").definedBy("dev.bankml.training.report..")
            .layer(INFERENCE).definedBy("dev.bankml.training.inference..")
            .layer(JOB).definedBy("dev.bankml.training")
            .whereLayer(JOB).mayNotBeAccessedByAnyLayer()
            .whereLayer(INFERENCE).mayNotBeAccessedByAnyLayer()
            .whereLayer("report").mayOnlyBeAccessedByLayers(JOB)
            .whereLayer("champion").mayOnlyBeAccessedByLayers("report", INFERENCE, JOB)
            .whereLayer("candidates").mayOnlyBeAccessedByLayers("champion", "report", INFERENCE, JOB)
            .whereLayer("evaluation").mayOnlyBeAccessedByLayers("candidates", "champion", "report", INFERENCE, JOB)
            .whereLayer("features").mayOnlyBeAccessedByLayers("candidates", "champion", "report", INFERENCE, JOB)
            .whereLayer("data").mayOnlyBeAccessedByLayers("features", "evaluation", "candidates", "champion", "report",
                    INFERENCE, JOB);

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
                    "dev.bankml.training.candidates..", "dev.bankml.training.champion..", "dev.bankml.training.report..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.bankml.jobs.GlueArgs");
}
