package org.hrdd.reports.publish;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The PDF of the report: openhtmltopdf renders the same XHTML, resolving the charts against the output directory.
 * Fonts: DejaVu Sans when the system has it (wider Unicode coverage), else the PDF base fonts. openhtmltopdf does no
 * complex-script shaping: Thai, Burmese or Khmer names print without correct mark placement (see the README).
 */
public final class PdfReport {

    static final List<Font> FONTS = List.of(
            new Font(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), "DejaVu Sans", 400),
            new Font(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), "DejaVu Sans", 700),
            new Font(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"), "DejaVu Sans Mono", 400));

    record Font(Path file, String family, int weight) {
    }

    private PdfReport() {
    }

    public static void write(String xhtml, Path baseDir, Path pdf) {
        // openhtmltopdf logs every rendering step at INFO through java.util.logging; the CLI prints what matters
        com.openhtmltopdf.util.XRLog.listRegisteredLoggers().forEach(name ->
                com.openhtmltopdf.util.XRLog.setLevel(name, java.util.logging.Level.WARNING));
        try (OutputStream os = Files.newOutputStream(pdf)) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            for (Font f : FONTS) {
                if (Files.isReadable(f.file())) {
                    b.useFont(f.file().toFile(), f.family(), f.weight(),
                            com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
                }
            }
            b.withHtmlContent(xhtml, baseDir.toUri().toString());
            b.toStream(os);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pdf, e);
        }
    }
}
