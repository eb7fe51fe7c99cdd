// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The kinds of JSON document a project keeps beside its usage and runs. The stored
// names are the project file's format (documents.kind): never change one.
#include <QString>

namespace marginal {

enum class DocumentKind {
    Catalog,   // price catalogs: "default" is the one in use, the others dated versions
    Package,   // pricing packages, by name
    Mix,       // model mixes, by name (the observed mix among them)
    Scenario,  // scenarios saved with the project
    CohortFit, // the fitted cohorts ("fitted") and the basis they were fitted on
    Settings   // project settings (the cohort cut points)
};

inline const char* storedKindName(DocumentKind kind) {
    switch (kind) {
    case DocumentKind::Catalog:
        return "catalog";
    case DocumentKind::Package:
        return "package";
    case DocumentKind::Mix:
        return "mix";
    case DocumentKind::Scenario:
        return "scenario";
    case DocumentKind::CohortFit:
        return "cohorts";
    case DocumentKind::Settings:
        break;
    }
    return "settings";
}

} // namespace marginal
