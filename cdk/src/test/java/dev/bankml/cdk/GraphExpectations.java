package dev.bankml.cdk;

import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;

/** What the role audit expects, computed from the shared {@link WorkflowDefinition}. */
final class GraphExpectations {
    private GraphExpectations() {
    }

    /**
     * The workflow definition over this template's buckets, written the way
     * {@link SynthesizedPipeline#render} writes a bucket reference ({@code s3://<LogicalId>}), so
     * every path and argument can be compared as text with the synthesized one.
     */
    static WorkflowDefinition definitionOverLogicalIds(SynthesizedPipeline synth) {
        return WorkflowDefinition.of(new StorageLayout(
                "s3://<" + synth.bucket("Raw") + ">",
                "s3://<" + synth.bucket("Cleaned") + ">",
                "s3://<" + synth.bucket("Artifacts") + ">"), synth.config().settings());
    }
}
