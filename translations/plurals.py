#!/usr/bin/env python3
"""Fills the English plural forms of eic-restore_en.ts (lupdate -pluralonly writes them empty).

A source says "%n component(s)"; its forms are "%n component" and "%n components". A verb right
after the counted word agrees with it ("%n session(s) are still connected": "is"). A form
filled by hand is kept; tests/packaging/translations.sh checks that none is left empty."""
import re
import sys
import xml.etree.ElementTree as ET

SINGULAR_VERBS = {"are": "is", "were": "was", "have": "has", "remain": "remains", "stop": "stops",
                  "start": "starts", "block": "blocks", "match": "matches", "need": "needs", "hold": "holds"}


def forms(source):
    plural = re.sub(r"\((e?s)\)", r"\1", source)
    def one(m):
        verb = m.group(2)
        return m.group(1) + (SINGULAR_VERBS.get(verb, verb) if verb else "")
    singular = re.sub(r"\(e?s\)(?:(\s+)(\w+))?", lambda m: (m.group(1) or "") + (SINGULAR_VERBS.get(m.group(2), m.group(2)) if m.group(2) else ""), source)
    return singular, plural


def main(path):
    tree = ET.parse(path)
    filled = 0
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        numerus = translation.findall("numerusform")
        while len(numerus) < 2:
            numerus.append(ET.SubElement(translation, "numerusform"))
        if all((n.text or "").strip() for n in numerus):
            translation.attrib.pop("type", None)
            continue
        singular, plural = forms(message.findtext("source"))
        numerus[0].text, numerus[1].text = singular, plural
        translation.attrib.pop("type", None)
        filled += 1
    ET.indent(tree, space="    ")
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    print(f"plurals: {filled} filled in {path}")


if __name__ == "__main__":
    main(sys.argv[1])
