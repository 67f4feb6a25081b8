package io.samlad.eval.report;

import io.samlad.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Helpers shared by the HTML and Markdown reports: escaping, number formatting and embedded PNGs. */
public final class Html {
    public static final String STYLE = """
            body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px auto;max-width:1150px;
            color:#222;padding:0 16px}
            h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd;
            padding-bottom:4px}.sub{color:#666;margin-top:0}
            table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 10px;text-align:right}
            th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
            .plots img{margin:4px;border:1px solid #eee}.gallery img{display:block;margin:6px 0;border:1px solid #eee}
            .note{color:#555;font-size:13px}pre{background:#f7f7f7;padding:10px;font-size:12px;overflow:auto}
            .good{color:#138a36}.bad{color:#c0392b}
            """;

    private Html() {
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public static String num(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", b)) {
            throw new IOException("no PNG writer available in this JVM");
        }
        return b.toByteArray();
    }

    /** Writes the PNG next to the report (for report.md) and returns its data URI (for the self-contained HTML). */
    public static String savePng(BufferedImage image, Path file) throws IOException {
        byte[] bytes = png(image);
        AtomicFiles.write(file, out -> out.write(bytes));
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
