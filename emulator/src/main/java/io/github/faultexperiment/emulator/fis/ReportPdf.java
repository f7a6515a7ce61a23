package io.github.faultexperiment.emulator.fis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Renders an experiment report as a real PDF: a title and lines of text, paged as needed. */
final class ReportPdf {
  private static final float MARGIN = 50;
  private static final float LEADING = 14;
  private static final int LINES_PER_PAGE = 50;

  private ReportPdf() {}

  static byte[] render(String title, List<String> lines) {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      int index = 0;
      do {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setLeading(LEADING);
          content.newLineAtOffset(MARGIN, PDRectangle.A4.getHeight() - MARGIN);
          content.setFont(bold, 14);
          content.showText(printable(title));
          content.newLine();
          content.newLine();
          content.setFont(regular, 9);
          for (int i = 0; i < LINES_PER_PAGE && index < lines.size(); i++, index++) {
            content.showText(printable(lines.get(index)));
            content.newLine();
          }
          content.endText();
        }
      } while (index < lines.size());
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not render the report PDF", e);
    }
  }

  /** The standard fonts encode WinAnsi only; anything else becomes '?'. */
  private static String printable(String text) {
    StringBuilder printable = new StringBuilder(text.length());
    text.codePoints().forEach(c -> printable.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return printable.toString();
  }
}
