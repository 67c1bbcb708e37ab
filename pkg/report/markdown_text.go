package report

// MarkdownText makes s literal Markdown text (a partner name in a
// statement): the escaping of Markdown tables and lists, for other
// packages' Markdown.
func MarkdownText(s string) string { return markdownEscape(s) }
