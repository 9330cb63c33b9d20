package binxml

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"eventlens/model/core"
)

const eventNS = "http://schemas.microsoft.com/win/2004/08/events/event"

// ft returns the FILETIME of t.
func ft(t time.Time) uint64 {
	return uint64((t.Unix()+11644473600)*1e7 + int64(t.Nanosecond()/100))
}

var (
	testTime = time.Date(2020, 1, 2, 3, 4, 5, 123456700, time.UTC)
	testGUID = []byte{0x09, 0xdc, 0x4f, 0x0d, 0x27, 0x8c, 0x4a, 0x49, 0xbd, 0xa0, 0x50, 0x5e, 0x4f, 0xd8, 0xad, 0xae}
	testSID  = []byte{1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0} // S-1-5-18
)

// systemDef writes the usual <Event><System>... definition; EventData
// follows through data.
func systemDef(data func(w *chunkBuilder)) func(w *chunkBuilder) {
	return func(w *chunkBuilder) {
		w.open("Event", true, true)
		w.attr("xmlns")
		w.text(eventNS)
		w.closeStart()
		w.open("System", false, true)
		w.closeStart()
		w.open("Provider", true, true)
		w.attr("Name")
		w.subst(0, typString, false)
		w.attr("Guid")
		w.subst(1, typGUID, true)
		w.attr("EventSourceName")
		w.subst(2, typString, true)
		w.closeEmpty()
		w.open("EventID", true, true)
		w.attr("Qualifiers")
		w.subst(3, typUInt16, true)
		w.closeStart()
		w.subst(4, typUInt16, false)
		w.end()
		w.substElem("Version", 5, typUInt8)
		w.substElem("Level", 6, typUInt8)
		w.substElem("Task", 7, typUInt16)
		w.substElem("Opcode", 8, typUInt8)
		w.substElem("Keywords", 9, typHexInt64)
		w.open("TimeCreated", true, true)
		w.attr("SystemTime")
		w.subst(10, typFileTime, false)
		w.closeEmpty()
		w.substElem("EventRecordID", 11, typUInt64)
		w.open("Execution", true, true)
		w.attr("ProcessID")
		w.subst(12, typUInt32, false)
		w.attr("ThreadID")
		w.subst(13, typUInt32, false)
		w.closeEmpty()
		w.substElem("Channel", 14, typString)
		w.substElem("Computer", 15, typString)
		w.open("Security", true, true)
		w.attr("UserID")
		w.subst(16, typSID, true)
		w.closeEmpty()
		w.end() // System
		if data != nil {
			data(w)
		}
		w.end() // Event
	}
}

// eventDataDef writes EventData with named, unnamed (array) and Binary.
func eventDataDef(w *chunkBuilder) {
	w.open("EventData", false, true)
	w.closeStart()
	for i, n := range []string{"a", "b"} {
		w.open("Data", true, true)
		w.attr("Name")
		w.text(n)
		w.closeStart()
		w.subst(uint16(17+i), typString, false)
		w.end()
	}
	w.open("Data", false, true)
	w.closeStart()
	w.subst(19, typString|typArray, false)
	w.end()
	w.substElem("Binary", 20, typBinary)
	w.end()
}

func systemValues(recordID uint64) []tv {
	return []tv{
		{typ: typString, data: str16("Prov")},
		{typ: typGUID, data: testGUID},
		{typ: typNull},
		{typ: typUInt16, data: le(uint16(0x4000))},
		{typ: typUInt16, data: le(uint16(7036))},
		{typ: typUInt8, data: []byte{1}},
		{typ: typUInt8, data: []byte{2}},
		{typ: typUInt16, data: le(uint16(3))},
		{typ: typUInt8, data: []byte{4}},
		{typ: typHexInt64, data: le(uint64(0x8080000000000000))},
		{typ: typFileTime, data: le(ft(testTime))},
		{typ: typUInt64, data: le(recordID)},
		{typ: typUInt32, data: le(uint32(1234))},
		{typ: typUInt32, data: le(uint32(5678))},
		{typ: typString, data: str16("System\x00")},
		{typ: typString, data: str16("host")},
		{typ: typSID, data: testSID},
	}
}

func dataValues() []tv {
	return []tv{
		{typ: typString, data: str16("x<y&z\"")},
		{typ: typInt32, data: le(int32(-5))},
		{typ: typString | typArray, data: str16("p\x00\x00q\x00")},
		{typ: typBinary, data: []byte{0xde, 0xad, 0x01}},
	}
}

// oneChunk builds a chunk with the given records and returns it decoded.
func oneChunk(t *testing.T, build func(w *chunkBuilder)) (*Chunk, []RecordRef) {
	t.Helper()
	w := newChunkBuilder()
	build(w)
	c, err := NewChunk(w.chunk())
	if err != nil {
		t.Fatal(err)
	}
	if h, d := c.Checksums(); !h || !d {
		t.Errorf("checksums of a built chunk: header %v data %v", h, d)
	}
	var refs []RecordRef
	c.Records(func(r RecordRef) bool { refs = append(refs, r); return true })
	return c, refs
}

func TestDecodeFullEvent(t *testing.T) {
	var defOff int
	c, refs := oneChunk(t, func(w *chunkBuilder) {
		w.record(42, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			defOff = w.templateInline(systemDef(eventDataDef), append(systemValues(42), dataValues()...))
			w.eof()
		})
		// The second record refers to the first one's definition.
		w.record(43, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateRef(defOff, append(systemValues(43), dataValues()...))
			w.eof()
		})
	})
	if len(refs) != 2 || refs[0].Err != nil || refs[1].Err != nil {
		t.Fatalf("records: %+v", refs)
	}
	if r, err := c.RecordAt(refs[1].Offset); err != nil || r != refs[1] {
		t.Errorf("RecordAt(0x%x) = %+v, %v; want %+v", refs[1].Offset, r, err, refs[1])
	}
	if _, err := c.RecordAt(refs[1].Offset + 8); err == nil {
		t.Errorf("RecordAt inside a record: no error")
	}
	if got := c.TemplateOffsets(); len(got) != 0 {
		t.Errorf("TemplateOffsets of a chunk with an empty table = %v", got)
	}
	for i, ref := range refs {
		ev := core.Event{File: "f.evtx"}
		c.Offset = 4096
		if err := c.Decode(ref, &ev); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		want := core.Event{
			File: "f.evtx", Offset: 4096 + int64(ref.Offset),
			RecordID: 42 + uint64(i), Time: testTime, Level: 2,
			Provider: "Prov", ProviderGUID: "{0D4FDC09-8C27-494A-BDA0-505E4FD8ADAE}",
			EventID: 7036, Qualifiers: 0x4000, HasQualifiers: true, Version: 1,
			Channel: "System", Computer: "host", UserSID: "S-1-5-18",
			Task: 3, Opcode: 4, Keywords: 0x8080000000000000,
			ProcessID: 1234, ThreadID: 5678,
			Data: []core.Data{
				{Name: "a", Value: "x<y&z\""}, {Name: "b", Value: "-5"},
				{Value: "p"}, {Value: ""}, {Value: "q"},
			},
			Binary:  "DEAD01",
			Decoded: true,
		}
		if !equalEvent(&ev, &want) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, ev, want)
		}
	}
	x, err := c.XML(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	wantXML := `<Event xmlns="` + eventNS + `">
  <System>
    <Provider Name="Prov" Guid="{0D4FDC09-8C27-494A-BDA0-505E4FD8ADAE}"/>
    <EventID Qualifiers="16384">7036</EventID>
    <Version>1</Version>
    <Level>2</Level>
    <Task>3</Task>
    <Opcode>4</Opcode>
    <Keywords>0x8080000000000000</Keywords>
    <TimeCreated SystemTime="2020-01-02T03:04:05.1234567Z"/>
    <EventRecordID>42</EventRecordID>
    <Execution ProcessID="1234" ThreadID="5678"/>
    <Channel>System</Channel>
    <Computer>host</Computer>
    <Security UserID="S-1-5-18"/>
  </System>
  <EventData>
    <Data Name="a">x&lt;y&amp;z"</Data>
    <Data Name="b">-5</Data>
    <Data>p</Data>
    <Data></Data>
    <Data>q</Data>
    <Binary>DEAD01</Binary>
  </EventData>
</Event>`
	if x != wantXML {
		t.Errorf("XML:\n%s\nwant:\n%s", x, wantXML)
	}
}

func equalEvent(a, b *core.Event) bool {
	if len(a.Data) != len(b.Data) || len(a.UserData) != len(b.UserData) {
		return false
	}
	for i := range a.Data {
		if a.Data[i] != b.Data[i] {
			return false
		}
	}
	for i := range a.UserData {
		if a.UserData[i] != b.UserData[i] {
			return false
		}
	}
	x, y := *a, *b
	x.Data, y.Data, x.UserData, y.UserData = nil, nil, nil, nil
	if !x.Time.Equal(y.Time) {
		return false
	}
	x.Time, y.Time = time.Time{}, time.Time{}
	return reflect.DeepEqual(x, y)
}

func TestValueRendering(t *testing.T) {
	sysTime := le([8]uint16{2019, 2, 2, 19, 19, 16, 37, 431})
	tests := []struct {
		name string
		typ  byte
		data []byte
		want string
	}{
		{"null", typNull, nil, ""},
		{"string stops at NUL", typString, str16("héllo\x00junk"), "héllo"},
		{"string surrogate pair", typString, str16("a😀b"), "a😀b"},
		{"string lone surrogate", typString, []byte{0x00, 0xd8, 'x', 0}, "\uFFFDx"},
		{"ansi as Windows-1252", typAnsiString, []byte("caf\xe9\x80\x00x"), "café€"},
		{"int8", typInt8, []byte{0xff}, "-1"},
		{"uint8", typUInt8, []byte{0xff}, "255"},
		{"int16", typInt16, le(int16(-2)), "-2"},
		{"uint16", typUInt16, le(uint16(65535)), "65535"},
		{"int32", typInt32, le(int32(-3)), "-3"},
		{"uint32", typUInt32, le(uint32(4294967295)), "4294967295"},
		{"int64", typInt64, le(int64(-4)), "-4"},
		{"uint64", typUInt64, le(uint64(math.MaxUint64)), "18446744073709551615"},
		{"uint32 short value", typUInt32, []byte{1, 1}, "257"},
		{"real32", typReal32, le(float32(1.5)), "1.5"},
		{"real64", typReal64, le(0.1), "0.1"},
		{"bool false", typBool, le(uint32(0)), "false"},
		{"bool true", typBool, le(uint32(1)), "true"},
		{"bool irregular", typBool, le(uint32(2)), "true"},
		{"binary", typBinary, []byte{0x01, 0xab}, "01AB"},
		{"guid", typGUID, testGUID, "{0D4FDC09-8C27-494A-BDA0-505E4FD8ADAE}"},
		{"size_t 64", typSizeT, le(uint64(0x7ff6a000)), "0x7ff6a000"},
		{"size_t 32", typSizeT, le(uint32(0x10)), "0x10"},
		{"filetime", typFileTime, le(ft(testTime)), "2020-01-02T03:04:05.1234567Z"},
		{"systemtime", typSysTime, sysTime, "2019-02-19T19:16:37.4310000Z"},
		{"systemtime invalid", typSysTime, le([8]uint16{2019, 13}), "E3070D00000000000000000000000000"},
		{"sid", typSID, []byte{1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0}, "S-1-5-21-1-2-3"},
		{"sid short", typSID, []byte{1, 2}, "0102"},
		{"hexint32", typHexInt32, le(uint32(0xc000006d)), "0xc000006d"},
		{"hexint64", typHexInt64, le(uint64(0x8000000000000000)), "0x8000000000000000"},
		{"evt handle", typEvtHandle, []byte{1, 2}, "0102"},
		{"unknown type", 0x7f, []byte{0xff}, "FF"},
		{"string array", typString | typArray, str16("a\x00b\x00"), "a,b"},
		{"string array unterminated", typString | typArray, str16("a\x00b"), "a,b"},
		{"ansi array", typAnsiString | typArray, []byte("a\x00b\x00"), "a,b"},
		{"uint16 array", typUInt16 | typArray, le([]uint16{1, 2}), "1,2"},
		{"int64 array", typInt64 | typArray, le([]int64{-1, 2}), "-1,2"},
		{"bool array", typBool | typArray, le([]uint32{0, 5}), "false,true"},
		{"guid array", typGUID | typArray, append(append([]byte{}, testGUID...), testGUID...), "{0D4FDC09-8C27-494A-BDA0-505E4FD8ADAE},{0D4FDC09-8C27-494A-BDA0-505E4FD8ADAE}"},
		{"sid array", typSID | typArray, append(append([]byte{}, testSID...), testSID...), "S-1-5-18,S-1-5-18"},
		{"hexint32 array", typHexInt32 | typArray, le([]uint32{1, 255}), "0x1,0xff"},
		{"filetime array", typFileTime | typArray, le([]uint64{ft(testTime)}), "2020-01-02T03:04:05.1234567Z"},
		{"array with a torn item", typUInt32 | typArray, []byte{1, 0, 0, 0, 2}, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Chunk{data: tt.data}
			got := string(c.appendValue(nil, value{typ: tt.typ, off: 0, n: int32(len(tt.data))}))
			if got != tt.want {
				t.Errorf("type 0x%02x % x: got %q, want %q", tt.typ, tt.data, got, tt.want)
			}
		})
	}
}

// TestTokens covers the tokens that templates rarely use, in a record that
// has no template at all (elements without dependency identifiers).
func TestTokens(t *testing.T) {
	c, refs := oneChunk(t, func(w *chunkBuilder) {
		w.record(1, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.piTarget("xml-stylesheet")
			w.piData(`href="s.xsl"`)
			w.open("Event", false, false)
			w.closeStart()
			w.open("EventData", false, false)
			w.closeStart()
			w.open("Data", true, false)
			w.attr("Name")
			w.text("t")
			w.closeStart()
			w.text("a")
			w.cdata("<b>")
			w.charRef('C')
			w.entityRef("amp")
			w.entityRef("custom")
			w.end()
			w.end()
			w.end()
			w.eof()
		})
	})
	x, err := c.XML(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	want := "<?xml-stylesheet href=\"s.xsl\"?>\n<Event>\n  <EventData>\n    <Data Name=\"t\">a<![CDATA[<b>]]>&#67;&amp;&custom;</Data>\n  </EventData>\n</Event>"
	if x != want {
		t.Errorf("XML:\n%s\nwant:\n%s", x, want)
	}
	var ev core.Event
	if err := c.Decode(refs[0], &ev); err != nil {
		t.Fatal(err)
	}
	if len(ev.Data) != 1 || ev.Data[0] != (core.Data{Name: "t", Value: "a<b>C&&custom;"}) {
		t.Errorf("Data = %q", ev.Data)
	}
}

// TestOptionalSubstitutions: an optional substitution that is null drops
// the attribute it makes up; a normal one leaves it empty.
func TestOptionalSubstitutions(t *testing.T) {
	c, refs := oneChunk(t, func(w *chunkBuilder) {
		w.record(1, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateInline(func(w *chunkBuilder) {
				w.open("E", true, true)
				w.attr("Opt")
				w.subst(0, typString, true)
				w.attr("Norm")
				w.subst(1, typString, false)
				w.attr("Missing")
				w.subst(9, typString, true) // index past the values
				w.closeStart()
				w.subst(2, typString, true)
				w.end()
			}, []tv{{typ: typNull}, {typ: typNull}, {typ: typString}})
			w.eof()
		})
	})
	x, err := c.XML(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	if want := `<E Norm=""></E>`; x != want {
		t.Errorf("XML %s, want %s", x, want)
	}
}

// nestedFragment writes a BinXml value: a fragment with elements that carry
// no dependency identifier, as CAPI2 logs them.
func nestedFragment(w *chunkBuilder) {
	w.fragmentHeader()
	w.open("Op", true, false)
	w.attr("xmlns")
	w.text("urn:x")
	w.attr("A")
	w.text("1")
	w.closeStart()
	w.open("Child", false, false)
	w.closeStart()
	w.text("v")
	w.end()
	w.open("Empty", false, false)
	w.closeEmpty()
	w.end()
	w.eof()
}

// nestedTemplate writes a BinXml value holding a template instance of its
// own, with an inline definition.
func nestedTemplate(w *chunkBuilder) {
	w.fragmentHeader()
	w.templateInline(func(w *chunkBuilder) {
		w.open("Inner", true, true)
		w.attr("K")
		w.subst(0, typUInt32, false)
		w.closeStart()
		w.substElem("Leaf", 1, typString)
		w.end()
	}, []tv{{typ: typUInt32, data: le(uint32(7))}, {typ: typString, data: str16("deep")}})
	w.eof()
}

func TestBinXMLSubstitution(t *testing.T) {
	c, refs := oneChunk(t, func(w *chunkBuilder) {
		w.record(1, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateInline(systemDef(func(w *chunkBuilder) {
				w.open("UserData", false, true)
				w.closeStart()
				w.subst(17, typBinXML, false)
				w.subst(18, typBinXML, false)
				w.end()
			}), append(systemValues(1), tv{typ: typBinXML, build: nestedFragment}, tv{typ: typBinXML, build: nestedTemplate}))
			w.eof()
		})
	})
	var ev core.Event
	if err := c.Decode(refs[0], &ev); err != nil {
		t.Fatal(err)
	}
	want := []core.Data{
		{Name: "Op/@A", Value: "1"},
		{Name: "Op/Child", Value: "v"},
		{Name: "Op/Empty", Value: ""},
		{Name: "Inner/@K", Value: "7"},
		{Name: "Inner/Leaf", Value: "deep"},
	}
	if len(ev.UserData) != len(want) {
		t.Fatalf("UserData = %q, want %q", ev.UserData, want)
	}
	for i := range want {
		if ev.UserData[i] != want[i] {
			t.Errorf("UserData[%d] = %q, want %q", i, ev.UserData[i], want[i])
		}
	}
	if ev.EventID != 7036 || ev.Provider != "Prov" {
		t.Errorf("System lost: %+v", ev)
	}
	x, err := c.XML(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	wantTail := `  <UserData>
    <Op xmlns="urn:x" A="1">
      <Child>v</Child>
      <Empty/>
    </Op>
    <Inner K="7">
      <Leaf>deep</Leaf>
    </Inner>
  </UserData>
</Event>`
	if !strings.HasSuffix(x, wantTail) {
		t.Errorf("XML:\n%s\nwant it to end with:\n%s", x, wantTail)
	}
}

// TestIncompleteTemplate: a definition that breaks off part-way still gives
// what it had; Decode reports the damage.
func TestIncompleteTemplate(t *testing.T) {
	c, refs := oneChunk(t, func(w *chunkBuilder) {
		w.record(1, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateInline(systemDef(func(w *chunkBuilder) {
				w.open("EventData", false, true)
				w.closeStart()
				w.u8(0x7f) // garbage where the rest of the definition should be
			}), systemValues(1))
			w.eof()
		})
	})
	var ev core.Event
	err := c.Decode(refs[0], &ev)
	if err == nil || !strings.Contains(err.Error(), "incomplete template") {
		t.Fatalf("err = %v, want an incomplete-template error", err)
	}
	if !ev.Decoded || ev.EventID != 7036 || ev.Channel != "System" || ev.DecodeError == "" {
		t.Errorf("partial decode lost System: %+v", ev)
	}
	x, _ := c.XML(refs[0])
	if !strings.HasSuffix(x, "<EventData></EventData>\n</Event>") {
		t.Errorf("XML not closed properly:\n%s", x)
	}
}

// TestRecordWalk: damaged records are reported and skipped, the walk finds
// the records after them, slack is left alone.
func TestRecordWalk(t *testing.T) {
	body := systemBody
	w := newChunkBuilder()
	w.record(1, ft(testTime), body(1))
	zeroSize := w.record(2, ft(testTime), body(2))
	w.record(3, ft(testTime), body(3))
	badCopy := w.record(4, ft(testTime), body(4))
	w.record(5, ft(testTime), body(5))
	garbage := w.pos()
	w.raw(bytes.Repeat([]byte{0xee}, 40)...)
	w.record(6, ft(testTime), body(6))
	free := w.pos()
	// Slack: an older record beyond the free-space mark.
	w.record(99, ft(testTime), body(99))
	data := w.chunk()
	binary.LittleEndian.PutUint32(data[48:], uint32(free))
	binary.LittleEndian.PutUint32(data[zeroSize+4:], 0)
	size := binary.LittleEndian.Uint32(data[badCopy+4:])
	binary.LittleEndian.PutUint32(data[badCopy+int(size)-4:], 0)

	c, err := NewChunk(data)
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		off   int
		id    uint64
		bad   bool
		slack bool
	}
	walk := func() []got {
		var out []got
		c.Records(func(r RecordRef) bool {
			out = append(out, got{r.Offset, r.ID, r.Err != nil, r.Slack})
			if r.Err != nil {
				var re *RecordError
				if !errors.As(r.Err, &re) || re.Offset != r.Offset || re.Skipped != r.Size {
					t.Errorf("bad RecordError %v for %+v", r.Err, r)
				}
			}
			return true
		})
		return out
	}
	res := walk()
	var ids []uint64
	for _, g := range res {
		if g.bad {
			ids = append(ids, 1000+g.id)
		} else {
			ids = append(ids, g.id)
		}
	}
	// 1002: size 0 (header kept), 1004: size copy broken (header kept),
	// 1000: garbage without a header.
	want := []uint64{1, 1002, 3, 1004, 5, 1000, 6}
	if !equalU64(ids, want) {
		t.Errorf("walk = %v, want %v", ids, want)
	}
	if res[5].off != garbage {
		t.Errorf("garbage reported at 0x%x, want 0x%x", res[5].off, garbage)
	}
	c.ScanSlack = true
	res = walk()
	if last := res[len(res)-1]; last.id != 99 || !last.slack {
		t.Errorf("with ScanSlack the walk ends with %+v, want slack record 99", last)
	}
	// Damaged records with a header decode as far as they go.
	c.ScanSlack = false
	c.Records(func(r RecordRef) bool {
		if r.Err != nil && r.HeaderOK {
			var ev core.Event
			if err := c.Decode(r, &ev); err == nil || ev.RecordID != r.ID {
				t.Errorf("damaged record %d: err %v, RecordID %d", r.ID, err, ev.RecordID)
			}
		}
		return true
	})
}

func equalU64(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTruncatedChunk: the tail of a cut file yields its whole records and
// reports the one that is cut off, keeping its header.
func TestTruncatedChunk(t *testing.T) {
	w := newChunkBuilder()
	for id := uint64(1); id <= 3; id++ {
		w.record(id, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateInline(systemDef(eventDataDef), append(systemValues(id), dataValues()...))
			w.eof()
		})
	}
	cut := w.lastRecOff + 100
	c, err := NewChunk(w.chunk()[:cut])
	if err != nil {
		t.Fatal(err)
	}
	var good, bad int
	c.Records(func(r RecordRef) bool {
		var ev core.Event
		err := c.Decode(r, &ev)
		if r.Err == nil {
			good++
			if err != nil {
				t.Errorf("record %d: %v", r.ID, err)
			}
			return true
		}
		bad++
		if !r.HeaderOK || r.ID != 3 || !strings.Contains(r.Err.Error(), "cut off") {
			t.Errorf("cut record: %+v", r)
		}
		if err == nil || ev.RecordID != 3 {
			t.Errorf("cut record decode: %v %+v", err, ev)
		}
		return true
	})
	if good != 2 || bad != 1 {
		t.Errorf("good %d bad %d, want 2 and 1", good, bad)
	}
}

func TestScanFile(t *testing.T) {
	chunk := func(id uint64) []byte {
		w := newChunkBuilder()
		w.record(id, ft(testTime), func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateInline(systemDef(nil), systemValues(id))
			w.eof()
		})
		return w.chunk()
	}
	file := make([]byte, FileHeaderSize)
	copy(file, "ElfFile\x00")
	binary.LittleEndian.PutUint16(file[42:], 1) // stale chunk count
	file = append(file, chunk(1)...)
	file = append(file, make([]byte, ChunkSize)...) // zeroed slot
	noMagic := chunk(3)
	copy(noMagic, "XXXXXXXX") // damaged signature, records intact
	file = append(file, noMagic...)
	file = append(file, bytes.Repeat([]byte{0x55}, ChunkSize)...) // junk slot
	file = append(file, chunk(5)[:3000]...)                       // truncated tail

	type hit struct {
		idx int
		off int64
		n   int
	}
	var hits []hit
	err := ScanFile(bytes.NewReader(file), int64(len(file)), func(i int, off int64, data []byte) bool {
		hits = append(hits, hit{i, off, len(data)})
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []hit{{0, 4096, ChunkSize}, {2, 4096 + 2*ChunkSize, ChunkSize}, {4, 4096 + 4*ChunkSize, 3000}}
	if len(hits) != len(want) {
		t.Fatalf("hits %v, want %v", hits, want)
	}
	for i := range want {
		if hits[i] != want[i] {
			t.Errorf("hit %d = %v, want %v", i, hits[i], want[i])
		}
	}
	c, err := NewChunk(file[4096+2*ChunkSize : 4096+3*ChunkSize])
	if err != nil || c.MagicOK {
		t.Fatalf("chunk with damaged signature: %v, MagicOK %v", err, c != nil && c.MagicOK)
	}
	if _, err := NewChunk(make([]byte, 100)); !errors.Is(err, ErrShortChunk) {
		t.Errorf("short chunk: %v", err)
	}
	if _, err := NewChunk(make([]byte, ChunkSize)); !errors.Is(err, ErrNotChunk) {
		t.Errorf("zero chunk: %v", err)
	}
	// Stop early.
	n := 0
	ScanFile(bytes.NewReader(file), int64(len(file)), func(int, int64, []byte) bool { n++; return false })
	if n != 1 {
		t.Errorf("fn called %d times after returning false", n)
	}
}

// TestLimits: crafted records that would loop or explode end with an
// error, quickly.
func TestLimits(t *testing.T) {
	t.Run("template refers to itself", func(t *testing.T) {
		c, refs := oneChunk(t, func(w *chunkBuilder) {
			w.record(1, 0, func(w *chunkBuilder) {
				w.fragmentHeader()
				w.u8(tokTemplateInstance)
				w.u8(1)
				w.u32(0)
				defOff := w.pos() + 4
				w.u32(uint32(defOff))
				w.u32(0)
				w.raw(make([]byte, 16)...)
				w.u32(64)
				w.fragmentHeader()
				w.u8(tokTemplateInstance) // the definition instantiates itself
				w.u8(1)
				w.u32(0)
				w.u32(uint32(defOff))
				w.u32(0)
				w.eof()
				w.raw(make([]byte, 64)...)
				w.u32(0)
				w.eof()
			})
		})
		var ev core.Event
		if err := c.Decode(refs[0], &ev); err == nil {
			t.Error("no error")
		}
	})
	t.Run("BinXml values nested too deep", func(t *testing.T) {
		// Each level is a template instance whose only value is the next level.
		var level func(w *chunkBuilder, n int)
		level = func(w *chunkBuilder, n int) {
			w.fragmentHeader()
			w.templateInline(func(w *chunkBuilder) {
				w.open("L", false, true)
				w.closeStart()
				w.subst(0, typBinXML, false)
				w.end()
			}, []tv{{typ: typBinXML, build: func(w *chunkBuilder) {
				if n > 0 {
					level(w, n-1)
				}
			}}})
			w.eof()
		}
		c, refs := oneChunk(t, func(w *chunkBuilder) {
			w.record(1, 0, func(w *chunkBuilder) { level(w, 40) })
		})
		_, err := c.XML(refs[0])
		if !errors.Is(err, errDepth) {
			t.Errorf("err = %v, want the depth limit", err)
		}
	})
	t.Run("value count larger than the record", func(t *testing.T) {
		c, refs := oneChunk(t, func(w *chunkBuilder) {
			w.record(1, 0, func(w *chunkBuilder) {
				w.fragmentHeader()
				w.templateInline(systemDef(nil), nil)
				w.b = w.b[:len(w.b)-4]
				w.u32(0xffffffff)
				w.eof()
			})
		})
		var ev core.Event
		if err := c.Decode(refs[0], &ev); err == nil {
			t.Error("no error")
		}
	})
}

func TestFiletime(t *testing.T) {
	for _, tm := range []time.Time{testTime, time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1970, 1, 1, 0, 0, 0, 100, time.UTC)} {
		if got := filetime(ft(tm)); !got.Equal(tm) {
			t.Errorf("filetime(%v) = %v", tm, got)
		}
	}
	if got := filetime(math.MaxUint64); got.Year() < 30000 {
		t.Errorf("max FILETIME = %v", got)
	}
}
