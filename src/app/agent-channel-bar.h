/* agent-channel-bar.h — labelled horizontal bars drawn with GtkSnapshot: channels in use,
 * numbers of a task per state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * AgentChannelBarStyle:
 *
 * The colour of a bar's filled part, from the theme's named colours.
 */
typedef enum
{
  AGENT_CHANNEL_BAR_ACCENT,
  AGENT_CHANNEL_BAR_SUCCESS,
  AGENT_CHANNEL_BAR_WARNING,
  AGENT_CHANNEL_BAR_ERROR,
  AGENT_CHANNEL_BAR_NEUTRAL,
} AgentChannelBarStyle;

#define AGENT_TYPE_CHANNEL_BAR (agent_channel_bar_get_type ())

G_DECLARE_FINAL_TYPE (AgentChannelBar, agent_channel_bar, AGENT, CHANNEL_BAR, GtkWidget)

GtkWidget   *agent_channel_bar_new        (void);
void         agent_channel_bar_clear      (AgentChannelBar      *self);
void         agent_channel_bar_add        (AgentChannelBar      *self,
                                           const char           *label,
                                           double                value,
                                           double                max,
                                           const char           *value_text,
                                           AgentChannelBarStyle  style);
guint        agent_channel_bar_get_n_bars (AgentChannelBar      *self);
double       agent_channel_bar_get_value  (AgentChannelBar      *self,
                                           guint                 index);
double       agent_channel_bar_get_max    (AgentChannelBar      *self,
                                           guint                 index);
const char  *agent_channel_bar_get_label  (AgentChannelBar      *self,
                                           guint                 index);

G_END_DECLS
