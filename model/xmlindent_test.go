package model

import "testing"

func TestIndentXML(t *testing.T) {
	in := `<?xml version="1.0"?><Event xmlns='x'><System><Provider Name='a>b'/><EventID Qualifiers='1'>32</EventID><Security/></System><EventData><Data>x &amp; y</Data><Data></Data></EventData></Event>`
	want := `<?xml version="1.0"?>
<Event xmlns='x'>
  <System>
    <Provider Name='a>b'/>
    <EventID Qualifiers='1'>32</EventID>
    <Security/>
  </System>
  <EventData>
    <Data>x &amp; y</Data>
    <Data></Data>
  </EventData>
</Event>`
	if got := indentXML(in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"", "<", "<a", "text", "</a></b>", "<a>unclosed", `<a b="never>`} {
		_ = indentXML(bad) // must not panic
	}
}
