package dev.bankml.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.assets.AssetProps;
import software.constructs.Construct;

/**
 * The code the Glue jobs run, uploaded as CDK file assets: one shaded jar per job module (built by
 * Maven as {@code <module>/target/<module>-glue.jar}) and the placeholder script Glue insists on.
 */
public class JobCode extends Construct {

    /**
     * @param projectRoot the repository root
     * @param modules     the Maven modules whose jars the workflow's jobs need
     */
    public record Props(Path projectRoot, Collection<String> modules) {
    }

    /** Repository-relative path of the placeholder ScriptLocation. */
    public static final String PLACEHOLDER_SCRIPT = "cdk/glue/placeholder.scala";

    private final Map<String, Asset> jars = new LinkedHashMap<>();
    private final Asset script;

    public JobCode(Construct scope, String id, Props props) {
        super(scope, id);
        for (String module : props.modules()) {
            Path jar = jarOf(props.projectRoot(), module);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Job jar " + jar + " is missing. Build it first with: "
                        + "mvn -B -DskipTests package -pl " + module + " -am (bin/cdk-app does this for you)");
            }
            jars.put(module, new Asset(this, module, AssetProps.builder().path(jar.toString()).build()));
        }
        Path placeholder = props.projectRoot().resolve(PLACEHOLDER_SCRIPT);
        if (!Files.isRegularFile(placeholder)) {
            throw new IllegalStateException("Placeholder script " + placeholder + " is missing: is "
                    + props.projectRoot() + " the repository root?");
        }
        this.script = new Asset(this, "PlaceholderScript", AssetProps.builder().path(placeholder.toString()).build());
    }

    /** Where Maven's shade plugin writes a job module's Glue jar. */
    public static Path jarOf(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target").resolve(module + "-glue.jar");
    }

    public Asset jar(String module) {
        Asset a = jars.get(module);
        if (a == null) {
            throw new IllegalArgumentException("no jar asset for module " + module);
        }
        return a;
    }

    public Asset script() {
        return script;
    }

    /** Every uploaded object (the role may read exactly these). */
    public List<Asset> all() {
        List<Asset> out = new java.util.ArrayList<>(jars.values());
        out.add(script);
        return out;
    }
}
