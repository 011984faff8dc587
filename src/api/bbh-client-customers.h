/* bbh-client-customers.h — BbhClient methods for customers, memos, sales, codes and fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"

G_BEGIN_DECLS

G_END_DECLS
