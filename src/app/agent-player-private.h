/* agent-player-private.h — what the player's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

GstElement  *agent_player_make_audio_sink     (void);

G_END_DECLS
