/* bbh-client-admin.h — BbhClient methods for administration: agents, blacklist, channels, outbound campaigns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"

G_BEGIN_DECLS

G_END_DECLS
