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

    record Font(Path file, String family, int weight) {}

    /**
     * Line-break opportunities of {@link java.text.BreakIterator#getLineInstance}, except inside a number: the JDK
     * still breaks "+12.3)" after the point, and openhtmltopdf's own breaker after any point. No break where a digit
     * follows a digit, a sign or a separator, before a percent sign, or after a point not followed by a space.
     */
    static final class NumberKeepingLineBreaker implements com.openhtmltopdf.extend.FSTextBreaker {
        private final java.text.BreakIterator it = java.text.BreakIterator.getLineInstance(java.util.Locale.ROOT);
        private String text = "";

        @Override
        public int next() {
            int p = it.next();
            while (p != java.text.BreakIterator.DONE && p > 0 && p < text.length() && insideNumber(text, p)) {
                p = it.next();
            }
            return p;
        }

        @Override
        public void setText(String text) {
            this.text = text;
            it.setText(text);
        }

        static boolean insideNumber(String s, int p) {
            char next = s.charAt(p);
            char prev = s.charAt(p - 1);
            return next == '%'
                    || Character.isDigit(next) && (Character.isDigit(prev) || ".,+-\u2212".indexOf(prev) >= 0)
                    // an id such as S2.SBM-3_05 or a file name: a point followed by a letter is not a sentence's end
                    || prev == '.' && Character.isLetterOrDigit(next);
        }
    }

    private PdfReport() {}

    public static void write(String xhtml, Path baseDir, Path pdf) {
        // openhtmltopdf logs every rendering step at INFO through java.util.logging; the CLI prints what matters
        com.openhtmltopdf.util.XRLog.listRegisteredLoggers()
                .forEach(name -> com.openhtmltopdf.util.XRLog.setLevel(name, java.util.logging.Level.WARNING));
        try (OutputStream os = Files.newOutputStream(pdf)) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            // openhtmltopdf's own line breaker is URL-aware: it breaks after any '.', so "+4.0" wrapped as "+4." / "0"
            b.useUnicodeLineBreaker(new NumberKeepingLineBreaker());
            for (Font f : FONTS) {
                if (Files.isReadable(f.file())) {
                    b.useFont(
                            f.file().toFile(),
                            f.family(),
                            f.weight(),
                            com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL,
                            true);
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
