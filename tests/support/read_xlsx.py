#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads an .xlsx with nothing but the standard library (an independent reader, not
libxlsxwriter) and prints it as JSON, for tests that check what a spreadsheet shows:

{"Sheet name": {"rows": [[cell, ...], ...],      # numbers as numbers, text as strings
                "formats": [[code, ...], ...],   # each cell's number format code
                "pane": {"xSplit": "3", "ySplit": "1"} or null,
                "autofilter": "A1:AC17" or null}}
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%"}


def column_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def main(path):
    book = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        for si in ET.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    styles = ET.fromstring(book.read("xl/styles.xml"))
    codes = dict(BUILTIN)
    for fmt in styles.findall("m:numFmts/m:numFmt", NS):
        codes[int(fmt.get("numFmtId"))] = fmt.get("formatCode")
    xfs = [int(xf.get("numFmtId", 0)) for xf in styles.findall("m:cellXfs/m:xf", NS)]
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))}
    out = {}
    for sheet in ET.fromstring(book.read("xl/workbook.xml")).findall("m:sheets/m:sheet", NS):
        target = rels[sheet.get(REL)].lstrip("/")
        xml = ET.fromstring(book.read(target if target.startswith("xl/") else "xl/" + target))
        rows, formats = [], []
        for row in xml.findall("m:sheetData/m:row", NS):
            values, codes_row = [], []
            for cell in row.findall("m:c", NS):
                i = column_index(cell.get("r"))
                while len(values) < i:
                    values.append(None)
                    codes_row.append(None)
                kind, v = cell.get("t", "n"), cell.find("m:v", NS)
                if kind == "s":
                    values.append(shared[int(v.text)])
                elif kind == "inlineStr":
                    values.append("".join(t.text or "" for t in cell.iter("{%s}t" % NS["m"])))
                elif kind == "str":
                    values.append(v.text if v is not None else "")
                else:
                    values.append(float(v.text) if v is not None else None)
                codes_row.append(codes.get(xfs[int(cell.get("s", 0))], "General"))
            rows.append(values)
            formats.append(codes_row)
        pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
        autofilter = xml.find("m:autoFilter", NS)
        out[sheet.get("name")] = {
            "rows": rows, "formats": formats,
            "pane": None if pane is None else {k: pane.get(k) for k in ("xSplit", "ySplit")},
            "autofilter": None if autofilter is None else autofilter.get("ref")}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
