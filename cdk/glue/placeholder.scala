// Placeholder ScriptLocation: AWS Glue requires a script for every glueetl job, but our jobs run the
// main class named by --class from the jar in --extra-jars. Nothing here is executed.
