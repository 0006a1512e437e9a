package sources

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText returns the visible text of an HTML fragment, one paragraph per
// line. Input without any tag is treated as plain text, so a feed summary
// written as paragraphs separated by blank lines keeps them.
func htmlText(s string) string {
	if !strings.Contains(s, "<") {
		return plainText(html.UnescapeString(s))
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		// The HTML5 parser recovers from any markup; an error here means
		// the reader failed, which a strings.Reader does not.
		return plainText(s)
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return plainText(b.String())
}

// nodeText returns the visible text under n, one paragraph per line.
func nodeText(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n)
	return plainText(b.String())
}

// writeText writes the text under n, with a newline around every block.
// Runs of white space are kept as they are; plainText collapses them.
func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch tag(n) {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Head:
			return
		case atom.Br, atom.Hr:
			b.WriteByte('\n')
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := isBlock(n)
	if block {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if block {
		b.WriteByte('\n')
	} else if t := tag(n); t == atom.Td || t == atom.Th {
		b.WriteByte(' ')
	}
}

// tag returns n's element name as an atom. Extractors build elements with
// only the name set, so DataAtom alone is not enough.
func tag(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch tag(n) {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Dd, atom.Details,
		atom.Div, atom.Dl, atom.Dt, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Li,
		atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tr, atom.Ul, atom.Body, atom.Html, atom.Caption:
		return true
	}
	return false
}

// plainText collapses white space inside each line and drops empty lines,
// so paragraphs come out one per line.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var lines []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
