package dev.bankml.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bankml.workflow.Step;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.assets.AssetProps;
import software.constructs.Construct;

/**
 * The code the Glue jobs run, uploaded as CDK file assets: one shaded jar per job module (built by
 * Maven as {@code <module>/target/<module>-glue.jar}) and one Scala entry script per job class
 * ({@code cdk/glue/<Class>Entry.scala}). Glue compiles a Scala job's ScriptLocation and runs the
 * object named by {@code --class}, with {@code --extra-jars} on the classpath; each entry object's
 * {@code main} calls the Java job's {@code main}.
 */
public class JobCode extends Construct {

    /**
     * @param projectRoot the repository root
     * @param jobs        the workflow's jobs: their modules' jars and their classes' entry scripts
     */
    public record Props(Path projectRoot, Collection<Step.Job> jobs) {
    }

    /** Repository-relative folder of the Scala entry scripts. */
    public static final String ENTRY_SCRIPTS = "cdk/glue";

    private final Map<String, Asset> jars = new LinkedHashMap<>();
    private final Map<String, Asset> scripts = new LinkedHashMap<>();

    public JobCode(Construct scope, String id, Props props) {
        super(scope, id);
        for (Step.Job job : props.jobs()) {
            String module = job.module();
            if (!jars.containsKey(module)) {
                Path jar = jarOf(props.projectRoot(), module);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException("Job jar " + jar + " is missing. Build it first with: "
                            + "mvn -B -DskipTests package -pl " + module + " -am (bin/cdk-app does this for you)");
                }
                jars.put(module, new Asset(this, module, AssetProps.builder().path(jar.toString()).build()));
            }
            String entry = entryObjectOf(job.mainClass());
            if (!scripts.containsKey(job.mainClass())) {
                Path script = scriptOf(props.projectRoot(), job.mainClass());
                if (!Files.isRegularFile(script)) {
                    throw new IllegalStateException("Glue entry script " + script + " is missing: it must define "
                            + "object " + entry + " whose main calls " + job.mainClass() + ".main");
                }
                scripts.put(job.mainClass(), new Asset(this, entry, AssetProps.builder().path(script.toString()).build()));
            }
        }
    }

    /** Where Maven's shade plugin writes a job module's Glue jar. */
    public static Path jarOf(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target").resolve(module + "-glue.jar");
    }

    /** The Scala object Glue runs for a job class ({@code --class}): the class's simple name + "Entry". */
    public static String entryObjectOf(String mainClass) {
        return mainClass.substring(mainClass.lastIndexOf('.') + 1) + "Entry";
    }

    /** The entry script of a job class: {@code cdk/glue/<entry object>.scala}. */
    public static Path scriptOf(Path projectRoot, String mainClass) {
        return projectRoot.resolve(ENTRY_SCRIPTS).resolve(entryObjectOf(mainClass) + ".scala");
    }

    public Asset jar(String module) {
        Asset a = jars.get(module);
        if (a == null) {
            throw new IllegalArgumentException("no jar asset for module " + module);
        }
        return a;
    }

    /** The uploaded entry script of a job class (the job's ScriptLocation). */
    public Asset script(String mainClass) {
        Asset a = scripts.get(mainClass);
        if (a == null) {
            throw new IllegalArgumentException("no entry script asset for class " + mainClass);
        }
        return a;
    }

    /** The objects these jobs run: their modules' jars and their classes' scripts (what their role may read). */
    public List<Asset> of(Collection<Step.Job> jobs) {
        Set<Asset> out = new LinkedHashSet<>();
        jobs.forEach(j -> out.add(jar(j.module())));
        jobs.forEach(j -> out.add(script(j.mainClass())));
        return List.copyOf(out);
    }

    /** Every uploaded object. */
    public List<Asset> all() {
        List<Asset> out = new ArrayList<>(jars.values());
        out.addAll(scripts.values());
        return out;
    }
}
