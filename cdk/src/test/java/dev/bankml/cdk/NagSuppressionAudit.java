package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The cdk-nag suppressions of a template: each carries a reason of at least 60 characters, and an
 * AwsSolutions-IAM5 one lists exactly the findings it excuses (strings, never patterns or a whole
 * bucket or service).
 */
final class NagSuppressionAudit {
    private NagSuppressionAudit() {
    }

    /** A rule to suppress: its id, a written reason. */
    private static final Object EXPLAINED = Match.objectLike(Map.of("id", Match.stringLikeRegexp("^AwsSolutions-"),
            "reason", Match.stringLikeRegexp("^[\\s\\S]{60,}$")));
    /** What an IAM5 excuse may list: exact findings, none of them a whole bucket, service or action wildcard. */
    private static final Object EXACT_FINDING = Match.not(Match.stringLikeRegexp(
            "^(Resource::<[^>]*>/\\*|Resource::arn:[^/]*:\\*|Action::.*)$"));

    /**
     * Checks every suppression of {@code template}.
     *
     * @param ourOwn whether the excuses are for our own policies, where a whole bucket, a whole service or
     *               a wildcard action is never excused (CDK Pipelines' generated grants use such actions)
     * @return {@code <logical id>/<rule id>} of each suppression, one entry per rule suppressed
     */
    @SuppressWarnings("unchecked")
    static List<String> check(Template template, boolean ourOwn) {
        List<String> seen = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        TreeSet<String> types = new TreeSet<>();
        resources.values().forEach(r -> types.add((String) ((Map<String, Object>) r).get("Type")));
        for (String type : types) {
            template.findResources(type, Match.objectLike(Map.of("Metadata", Match.objectLike(Map.of("cdk_nag",
                    Match.anyValue()))))).forEach((id, resource) -> {
                        List<Object> rules = (List<Object>) ((Map<String, Object>) ((Map<String, Object>) resource
                                .get("Metadata")).get("cdk_nag")).get("rules_to_suppress");
                        for (Object rule : rules) {
                            SynthesizedPipeline.assertMatches(rule, EXPLAINED, id + ": a suppression needs a real reason");
                            Map<String, Object> r = (Map<String, Object>) rule;
                            if ("AwsSolutions-IAM5".equals(r.get("id"))) {
                                SynthesizedPipeline.assertMatches(r.get("applies_to"), Match.not(Match.absent()),
                                        id + ": an IAM5 excuse must list what it excuses");
                                for (Object finding : (List<Object>) r.get("applies_to")) {
                                    SynthesizedPipeline.assertMatches(finding, Match.stringLikeRegexp("^(Resource|Action)::"),
                                            id + ": exact findings only, no patterns");
                                    if (ourOwn) {
                                        SynthesizedPipeline.assertMatches(finding, EXACT_FINDING, id + ": too broad");
                                    }
                                }
                            }
                            seen.add(id + "/" + r.get("id"));
                        }
                    });
        }
        return seen;
    }
}
