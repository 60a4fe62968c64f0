package io.meshbench.report;

/** Text made safe for HTML element content and attribute values. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The page's style sheet, inline: a report is one file that opens offline. */
    static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:900px;
              color:#222;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .sub{color:#666;margin:0 0 16px}
            table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
            th,td{border-bottom:1px solid #e4e4e4;padding:3px 8px;text-align:right;vertical-align:top;white-space:nowrap}
            td.wrap{white-space:normal}
            th{background:#f4f4f4;font-weight:600}td.t,th.t{text-align:left}
            .cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
            .card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
            .card b{display:block;font-size:20px}.card span{color:#666;font-size:12px}
            .bad b{color:#b22}
            svg{display:block;margin:6px 0;max-width:100%;height:auto}
            svg text.label{font-size:11px;fill:#444}svg text.mark{font-size:11px;fill:#b22}
            svg line.grid{stroke:#e6e6e6}svg line.mark{stroke:#b22;stroke-dasharray:4 3}
            svg rect.band{fill:#f7f7f7}
            .note{color:#666;font-size:12px}
            """;
}
