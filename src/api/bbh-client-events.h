/* bbh-client-events.h — BbhClient methods for events, the session and recordings: setUserCheckInOut, sendMsg, recvMsg, getLongWaterLine, hangupExten, transferExten, recording URLs and downloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bbh-client.h"

G_BEGIN_DECLS

G_END_DECLS
