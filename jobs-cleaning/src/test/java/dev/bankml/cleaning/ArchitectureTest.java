package dev.bankml.cleaning;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.bankml.jobs.testing.TopLevelClasses;

/**
 * The shape of the cleaning module, as rules: the rules at the bottom (pure, no Spark, no I/O), the
 * input above them, the pass above the input, the audit, the publication and the delivery ledger's
 * decisions above, the job on top; no loop between packages or between classes.
 */
@AnalyzeClasses(packages = "dev.bankml.cleaning", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule floorsDependOnlyDownward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("rules").definedBy("dev.bankml.cleaning.rules..")
            .layer("input").definedBy("dev.bankml.cleaning.input..")
            .layer("pass").definedBy("dev.bankml.cleaning.pass..")
            .layer("audit").definedBy("dev.bankml.cleaning.audit..")
            .layer("publication").definedBy("dev.bankml.cleaning.publication..")
            .layer("ledger").definedBy("dev.bankml.cleaning.ledger..")
            .layer("job").definedBy("dev.bankml.cleaning")
            .whereLayer("job").mayNotBeAccessedByAnyLayer()
            .whereLayer("ledger").mayOnlyBeAccessedByLayers("job")
            .whereLayer("audit").mayOnlyBeAccessedByLayers("job")
            .whereLayer("publication").mayOnlyBeAccessedByLayers("job")
            .whereLayer("pass").mayOnlyBeAccessedByLayers("audit", "publication", "job")
            .whereLayer("input").mayOnlyBeAccessedByLayers("pass", "audit", "ledger", "job")
            .whereLayer("rules").mayOnlyBeAccessedByLayers("input", "pass", "audit", "publication", "job");

    @ArchTest
    static final ArchRule noLoopBetweenPackages = slices().matching("dev.bankml.cleaning.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noLoopBetweenClasses = slices().assignedFrom(TopLevelClasses.under("dev.bankml.cleaning"))
            .should().beFreeOfCycles();

    /** The rules are pure functions of a line: no Spark, no Hadoop, no storage. */
    @ArchTest
    static final ArchRule theRulesArePure = noClasses().that().resideInAPackage("dev.bankml.cleaning.rules..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.bankml.jobs.Storage");

    /** The audit decides from counts: it reads and writes nothing. */
    @ArchTest
    static final ArchRule theAuditDoesNoIo = noClasses().that().resideInAPackage("dev.bankml.cleaning.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.bankml.jobs.Storage");
}
