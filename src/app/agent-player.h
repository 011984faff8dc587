/* agent-player.h — plays one recording through GStreamer's playbin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * AgentPlayerState:
 * @AGENT_PLAYER_STATE_IDLE: nothing is open
 * @AGENT_PLAYER_STATE_LOADING: a recording is being opened
 * @AGENT_PLAYER_STATE_PLAYING: it plays
 * @AGENT_PLAYER_STATE_PAUSED: it is paused
 * @AGENT_PLAYER_STATE_ENDED: it played to its end
 * @AGENT_PLAYER_STATE_ERROR: it cannot be played; see agent_player_get_error_message()
 */
typedef enum
{
  AGENT_PLAYER_STATE_IDLE,
  AGENT_PLAYER_STATE_LOADING,
  AGENT_PLAYER_STATE_PLAYING,
  AGENT_PLAYER_STATE_PAUSED,
  AGENT_PLAYER_STATE_ENDED,
  AGENT_PLAYER_STATE_ERROR,
} AgentPlayerState;

#define AGENT_TYPE_PLAYER_STATE (agent_player_state_get_type ())
GType        agent_player_state_get_type      (void) G_GNUC_CONST;
const char  *agent_player_state_to_string     (AgentPlayerState state);

char        *agent_player_describe_error      (const GError    *error,
                                               const char      *debug);

#define AGENT_PLAYER_MIN_RATE 0.5
#define AGENT_PLAYER_MAX_RATE 2.0

#define AGENT_TYPE_PLAYER (agent_player_get_type ())

G_DECLARE_FINAL_TYPE (AgentPlayer, agent_player, AGENT, PLAYER, GObject)

AgentPlayer      *agent_player_new                (void);
void              agent_player_open               (AgentPlayer *self,
                                                   const char  *uri,
                                                   const char  *cdr_id,
                                                   const char  *title);
void              agent_player_begin              (AgentPlayer *self,
                                                   const char  *cdr_id,
                                                   const char  *title);
void              agent_player_fail               (AgentPlayer *self,
                                                   const char  *cdr_id,
                                                   const char  *title,
                                                   const char  *message);
void              agent_player_close              (AgentPlayer *self);
void              agent_player_play               (AgentPlayer *self);
void              agent_player_pause              (AgentPlayer *self);
void              agent_player_toggle             (AgentPlayer *self);
void              agent_player_seek               (AgentPlayer *self,
                                                   gint64       position_ms);
void              agent_player_skip               (AgentPlayer *self,
                                                   gint64       delta_ms);
AgentPlayerState  agent_player_get_state          (AgentPlayer *self);
const char       *agent_player_get_error_message  (AgentPlayer *self);
const char       *agent_player_get_uri            (AgentPlayer *self);
const char       *agent_player_get_cdr_id         (AgentPlayer *self);
const char       *agent_player_get_title          (AgentPlayer *self);
gint64            agent_player_get_position       (AgentPlayer *self);
gint64            agent_player_get_duration       (AgentPlayer *self);
double            agent_player_get_rate           (AgentPlayer *self);
void              agent_player_set_rate           (AgentPlayer *self,
                                                   double       rate);
double            agent_player_get_volume         (AgentPlayer *self);
void              agent_player_set_volume         (AgentPlayer *self,
                                                   double       volume);
double            agent_player_query_segment_rate (AgentPlayer *self);

G_END_DECLS
