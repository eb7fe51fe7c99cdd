// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which source field gives each canonical field of a usage record: the --mapping file
// of the generic CSV and CloudEvents importers (docs/FILE_FORMATS.md, "Field
// mappings"). A field is a CSV column or a dotted path into a CloudEvent, optionally
// only where a condition holds ("data.tokens is output tokens when data.type is
// output", as OpenMeter sends one event per token type), or a constant; several
// alternatives are tried in order and the first that applies gives the value.
#include <QHash>
#include <QString>
#include <QStringList>
#include <initializer_list>
#include <utility>
#include <vector>

namespace marginal {

class JsonNode;

// Holds when the tested field's text is one of `values`, or (orAbsent) when the field
// is absent, null or empty.
struct MappingCondition {
    QString field;
    QStringList values;
    bool orAbsent = false;
};

struct MappingCase {
    QString field;                      // the source field; empty for a constant
    QString constant;                   // the constant (a count or a name) when there is no field
    std::vector<MappingCondition> when; // all must hold
    // The value counts input tokens including cache reads and writes (a mapped
    // total_input_tokens): uncached input = value - cached - cache writes.
    bool includesCache = false;
};

class FieldMapping {
public:
    FieldMapping() = default;
    // The plain form, canonical field -> source field, as the import wizard builds it.
    FieldMapping(std::initializer_list<std::pair<QString, QString>> plain);

    // Throws InputError with the JSON path of anything that is not a mapping.
    static FieldMapping fromJson(const JsonNode& root);
    static FieldMapping loadFile(const QString& fileName);
    // The canonical fields a mapping file may name.
    static const QStringList& mappableFields();

    void insert(const QString& canonical, const QString& sourceField);
    void insertCases(const QString& canonical, std::vector<MappingCase> cases);
    bool contains(const QString& canonical) const { return fields_.contains(canonical); }
    bool isEmpty() const { return fields_.isEmpty(); }
    QStringList keys() const { return fields_.keys(); }
    // The source field when `canonical` is mapped to one field without conditions,
    // else empty.
    QString value(const QString& canonical) const;
    // How `canonical` is mapped, in order; empty when it is not. total_input_tokens
    // is kept under input_tokens, its cases marked includesCache.
    const std::vector<MappingCase>& cases(const QString& canonical) const;

private:
    QHash<QString, std::vector<MappingCase>> fields_;
};

} // namespace marginal
