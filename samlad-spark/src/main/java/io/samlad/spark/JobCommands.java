package io.samlad.spark;

import io.samlad.util.InvalidInputException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Runs a job's picocli command the way the samlad command line does: one-line errors, exit codes 0, 1, 2. */
final class JobCommands {
    private JobCommands() {
    }

    static int execute(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (t instanceof InvalidInputException || t instanceof java.io.IOException) {
                commandLine.getErr().println("samlad: error: " + oneLine(t.getMessage()));
                return 1;
            }
            if (t instanceof IllegalArgumentException) {
                commandLine.getErr().println("samlad: error: " + oneLine(t.getMessage()));
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /**
     * Whether Spark is on the class path; if not, says so on stderr (the samlad command line run without its Spark
     * jars), and the job exits with 1.
     */
    static boolean sparkPresent() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, JobCommands.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            System.err.println("samlad: error: Apache Spark is not on the class path: run `./samlad spark ...` from"
                    + " the project (it adds the jars listed in samlad-spark/target/spark.classpath) or spark-submit"
                    + " samlad-spark/target/samlad-spark-*-all.jar");
            return false;
        }
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
