/* bbh-client-records.h — BbhClient methods for call records, callbacks, SMS, voice verification, areas, SmartTel and task numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"

G_BEGIN_DECLS

G_END_DECLS
