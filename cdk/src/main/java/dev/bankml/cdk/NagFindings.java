package dev.bankml.cdk;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Stack;

/**
 * Renders a resource string the way cdk-nag names it in a finding ({@code <Logical.Arn>},
 * {@code <AWS::Region>}, ...), so a suppression's {@code appliesTo} can list exactly the resources
 * it excuses instead of a pattern.
 */
final class NagFindings {
    private NagFindings() {
    }

    /** {@code Resource::<rendered>} for a resource string of {@code stack}. */
    static String resource(Stack stack, String value) {
        return "Resource::" + render(stack.resolve(value));
    }

    /**
     * A resolved CloudFormation value as text, the way cdk-nag writes it in findings: {@code {"Ref": X}}
     * becomes {@code <X>}, {@code Fn::GetAtt [X, A]} becomes {@code <X.A>}, {@code Fn::Join} and
     * {@code Fn::Sub} strings are joined. The tests read the template with the same function.
     */
    @SuppressWarnings("unchecked")
    static String render(Object resolved) {
        if (resolved instanceof String s) {
            return s;
        }
        if (resolved instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            Object v = e.getValue();
            switch (e.getKey().toString()) {
                case "Ref":
                    return "<" + v + ">";
                case "Fn::GetAtt":
                    List<Object> att = (List<Object>) v;
                    return "<" + att.get(0) + "." + att.get(1) + ">";
                case "Fn::Sub":
                    return (String) v;
                case "Fn::Join":
                    List<Object> join = (List<Object>) v;
                    StringBuilder out = new StringBuilder();
                    List<Object> parts = (List<Object>) join.get(1);
                    for (int i = 0; i < parts.size(); i++) {
                        out.append(i == 0 ? "" : join.get(0)).append(render(parts.get(i)));
                    }
                    return out.toString();
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("cannot render " + resolved + " as a cdk-nag finding");
    }
}
