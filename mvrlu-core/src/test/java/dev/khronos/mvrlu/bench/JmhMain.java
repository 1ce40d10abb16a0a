package dev.khronos.mvrlu.bench;

/**
 * Runs JMH with its arguments given as one string (what a Maven property can carry):
 * {@code JmhMain "DerefWalk -prof gc"}.
 */
public final class JmhMain {
    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        String joined = String.join(" ", args).trim();
        org.openjdk.jmh.Main.main(joined.isEmpty() ? new String[0] : joined.split("\\s+"));
    }
}
