import Mustache

/// The report page as Mustache templates: `{{x}}` is escaped, `{{{svg}}}` is a chart from
/// `Charts` (which escapes its own text). Inline CSS only; A4 print rules; no scripts.
enum ReportTemplate {
    static func render(_ content: Page) throws -> String {
        var library = MustacheLibrary()
        try library.register(table, named: "table")
        try library.register(page, named: "page")
        guard let html = library.render(content, withTemplate: "page") else { throw ReportError(description: "the report template is missing") }
        return html
    }

    static let table = """
        <div class="table-wrap"><table>{{#tableCaption}}<caption>{{tableCaption}}</caption>{{/tableCaption}}\
        <thead><tr>{{#headers}}<th scope="col">{{.}}</th>{{/headers}}</tr></thead>\
        <tbody>{{#rows}}<tr{{#rowClass}} class="{{rowClass}}"{{/rowClass}}>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody></table></div>
        """

    static let page = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="ketensim report">
        <title>{{title}}</title>
        <style>
        :root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --accent: #0072B2; --assumption: #fff4d6; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
               max-width: 1100px; margin: 0 auto; padding: 1.2rem 1.5rem 3rem; }
        h1 { font-size: 1.55rem; margin: 0 0 .2rem; }
        h2 { font-size: 1.2rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.2rem; }
        .meta { color: var(--muted); font-size: .85rem; margin: 0 0 .8rem; }
        .summary { background: #f3f7fb; border-left: 4px solid var(--accent); padding: .6rem 1rem .8rem; margin-top: .6rem; }
        .summary h2 { border: 0; margin-top: .2rem; }
        .summary ul { margin: .2rem 0 .8rem; padding-left: 1.2rem; }
        .summary li { margin: .25rem 0; }
        nav ol { columns: 3; font-size: .85rem; padding-left: 1.2rem; margin: .4rem 0; }
        nav a { color: var(--accent); }
        figure { margin: 1rem 0 1.4rem; break-inside: avoid; page-break-inside: avoid; }
        figcaption { color: var(--muted); font-size: .85rem; margin-top: .2rem; }
        svg.chart { width: 100%; max-width: 760px; height: auto; display: block; font-family: inherit; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 0 1.2rem; }
        .grid figure.wide { grid-column: 1 / -1; }
        details { margin-top: .3rem; font-size: .85rem; }
        summary { cursor: pointer; color: var(--accent); }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; font-size: .82rem; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: .2rem 0; }
        th, td { border-bottom: 1px solid var(--rule); padding: .2rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; }
        tr.assumption td { background: var(--assumption); }
        footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 10.5pt; max-width: none; padding: 0; }
          nav, summary { display: none; }
          details > *:not(summary) { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          section { break-before: auto; }
          .grid { display: block; }
          svg.chart { max-width: 17cm; }
          a { color: inherit; text-decoration: none; }
          tr, .summary { break-inside: avoid; page-break-inside: avoid; }
        }
        </style>
        </head>
        <body>
        <header>
        <h1>{{title}}</h1>
        <p class="meta">{{meta}}</p>
        </header>
        <section id="summary" class="summary" aria-labelledby="summary-h">
        <h2 id="summary-h">{{words.inShort}}</h2>
        <ul>{{#summary}}<li>{{.}}</li>{{/summary}}</ul>
        {{#keyFigures}}{{> table}}{{/keyFigures}}
        </section>
        <nav aria-label="{{words.contents}}"><ol>{{#sections}}<li><a href="#{{id}}">{{title}}</a></li>{{/sections}}</ol></nav>
        {{#sections}}
        <section id="{{id}}">
        <h2>{{title}}</h2>
        {{#intro}}<p>{{.}}</p>{{/intro}}
        <div class="grid">
        {{#figures}}<figure{{#openData}} class="wide"{{/openData}}>{{{svg}}}<figcaption>{{caption}}</figcaption>{{#table}}<details{{#openData}} open{{/openData}}><summary>{{words.dataTable}}</summary>{{> table}}</details>{{/table}}</figure>
        {{/figures}}
        </div>
        {{#tables}}{{> table}}{{/tables}}
        </section>
        {{/sections}}
        <footer>{{words.madeBy}} <code>ketensim report</code>: {{words.footer}}</footer>
        </body>
        </html>

        """
}
