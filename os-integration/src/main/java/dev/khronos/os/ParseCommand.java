package dev.khronos.os;

import dev.khronos.hlbench.result.ResultJson;
import dev.khronos.hlbench.result.RunSource;
import dev.khronos.hlbench.result.SourceKind;
import dev.khronos.os.parse.ParseResult;
import dev.khronos.os.parse.TranscriptParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parse}: print the result records found in a console transcript as a JSON array.
 * Not thread-safe.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Print the kbench/hlbench result records in a KhronOS console transcript as JSON.")
final class ParseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRANSCRIPT", description = "Console log (raw or with CR/LF line ends).")
    Path transcript;

    @Option(names = "--source", paramLabel = "KIND", description = "khronos-qemu or khronos-hardware (default: ${DEFAULT-VALUE}).")
    String source = "khronos-qemu";

    @Option(names = "--machine", paramLabel = "TEXT", description = "Machine description to record.")
    String machine;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs to record.")
    Integer cpus;

    @Option(names = "--kernel-image", paramLabel = "TEXT", description = "Kernel image to record.")
    String kernelImage;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(transcript)) {
            throw new UserError("transcript not found: " + transcript, 2);
        }
        SourceKind kind;
        try {
            kind = SourceKind.fromId(source);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (cpus != null && cpus <= 0) {
            throw new UserError("--cpus must be > 0", 2);
        }
        String text = new String(Files.readAllBytes(transcript), StandardCharsets.ISO_8859_1);
        ParseResult r = new TranscriptParser().parse(text,
                new RunSource(kind, machine, cpus, kernelImage, transcript.toString()));
        r.warnings().forEach(w -> spec.commandLine().getErr().println("khronos-os: warning: " + w));
        spec.commandLine().getOut().println(ResultJson.toPrettyJson(r.runs()));
        return 0;
    }
}
