// The script AWS Glue runs for the bankml-<environment>-approve job, which a person starts by hand (never a
// trigger). Glue compiles the job's ScriptLocation (this file) with the jars of --extra-jars on the classpath
// and calls main on the object named by --class. Everything the job does is in the Java class; Glue's
// arguments are handed over unchanged. The build compiles this file against the job jar (cdk: GlueEntryScriptsTest).
object ApprovalJobEntry {
  def main(args: Array[String]): Unit = dev.bankml.training.approval.ApprovalJob.main(args)
}
