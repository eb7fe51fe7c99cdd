// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Qt Test checks for Status / Result values: the failure message is the test's.
#include <QtTest>

#define QVERIFY_OK(expression)                                                                     \
    do {                                                                                           \
        const auto result_ = (expression);                                                         \
        QVERIFY2(result_.ok(), qPrintable(result_.error()));                                       \
    } while (false)
