/* agent-player-bar.h — the recording player's controls: play, seek, speed, volume, waveform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "agent-player.h"

G_BEGIN_DECLS

#define AGENT_TYPE_PLAYER_BAR (agent_player_bar_get_type ())

G_DECLARE_FINAL_TYPE (AgentPlayerBar, agent_player_bar, AGENT, PLAYER_BAR, GtkWidget)

GtkWidget   *agent_player_bar_new         (void);
AgentPlayer *agent_player_bar_get_player  (AgentPlayerBar *self);
void         agent_player_bar_open        (AgentPlayerBar *self,
                                           const char     *uri,
                                           const char     *cdr_id,
                                           const char     *title);
void         agent_player_bar_close       (AgentPlayerBar *self);
double       agent_player_bar_get_rate    (AgentPlayerBar *self);
void         agent_player_bar_set_rate    (AgentPlayerBar *self,
                                           double          rate);
char        *agent_format_duration        (gint64          ms);

G_END_DECLS
