package userdata

import (
	"strings"
	"testing"

	"eventlens/model"
)

// render writes tokens as compact XML, values unescaped, so that a case
// reads as the tree it stands for.
func render(leaves []model.Data) string {
	var b strings.Builder
	var open []string
	inStart := false
	for t := range Tokens(leaves) {
		if inStart && t.Kind != Attr {
			b.WriteByte('>')
			inStart = false
		}
		switch t.Kind {
		case Start:
			b.WriteString("<" + t.Name)
			open = append(open, t.Name)
			inStart = true
		case Attr:
			b.WriteString(" " + t.Name + `="` + t.Value + `"`)
		case Text:
			b.WriteString(t.Value)
		case End:
			b.WriteString("</" + open[len(open)-1] + ">")
			open = open[:len(open)-1]
		}
	}
	return b.String()
}

func leaves(kv ...string) []model.Data {
	var out []model.Data
	for i := 0; i < len(kv); i += 2 {
		out = append(out, model.Data{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestTokens(t *testing.T) {
	cases := []struct {
		name   string
		leaves []model.Data
		want   string
	}{
		{"nothing", nil, ""},
		{"one leaf", leaves("A", "v"), "<A>v</A>"},
		{"nested leaves share parents", leaves("A/B", "1", "A/C", "2", "D", "3"),
			"<A><B>1</B><C>2</C></A><D>3</D>"},
		{"repeated leaves stay repeated", leaves("A/B", "1", "A/B", "2"), "<A><B>1</B><B>2</B></A>"},
		// CAPI2: <WinVerifyTrustStart><EventAuxInfo ProcessName="Setup.exe"/>
		// <CorrelationAuxInfo TaskId="{…}" SeqNumber="1"/></WinVerifyTrustStart>
		{"attributes of empty elements", leaves(
			"W/EventAuxInfo/@ProcessName", "Setup.exe", "W/EventAuxInfo", "",
			"W/CorrelationAuxInfo/@TaskId", "{1}", "W/CorrelationAuxInfo/@SeqNumber", "1", "W/CorrelationAuxInfo", ""),
			`<W><EventAuxInfo ProcessName="Setup.exe"></EventAuxInfo><CorrelationAuxInfo TaskId="{1}" SeqNumber="1"></CorrelationAuxInfo></W>`},
		{"attribute and text", leaves("A/@x", "1", "A", "t"), `<A x="1">t</A>`},
		{"attribute and children", leaves("A/@x", "1", "A/B", "b", "A/C", "c"), `<A x="1"><B>b</B><C>c</C></A>`},
		{"repeated attribute starts a sibling", leaves("R/A/@x", "1", "R/A/B", "b", "R/A/@x", "2", "R/A/B", "c"),
			`<R><A x="1"><B>b</B></A><A x="2"><B>c</B></A></R>`},
		{"empty siblings with attributes", leaves("A/@x", "1", "A", "", "A/@x", "2", "A", ""),
			`<A x="1"></A><A x="2"></A>`},
		{"element after a parent of that name", leaves("A/B", "1", "A", "2"), "<A><B>1</B></A><A>2</A>"},
		{"attribute after children opens a new element", leaves("A/B", "1", "A/@x", "2", "A", ""),
			`<A><B>1</B></A><A x="2"></A>`},
		{"hostile names", leaves("1a/b c/@d<e", "1", "1a/b c", "", "/é", "2", "@x", "3"),
			`<_a><b_c d_e="1"></b_c></_a><_><_>2</_></_><_x>3</_x>`},
		{"names the same after replacement", leaves("A/@a b", "1", "A/@a_b", "2", "A", ""),
			`<A a_b="1"></A><A a_b="2"></A>`},
		{"namespace attribute", leaves("A/@xmlns", "u", "A/@xmlns:p", "v", "A", ""), `<A _xmlns="u" xmlns_p="v"></A>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := render(c.leaves); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestTokensStop(t *testing.T) {
	n := 0
	for range Tokens(leaves("A/B/C", "1", "A/@x", "2", "A", "")) {
		n++
		if n == 2 {
			break
		}
	}
}

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"": "_", "Name": "Name", "a-b.c_1": "a-b.c_1", "1a": "_a", "-a": "_a", ".a": "_a",
		"a b": "a_b", "ä": "_", "a:b": "a_b", "@x": "_x", "\xff": "_", "a\x00": "a_",
	} {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}
