/* agent-preferences-window.h — the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AGENT_TYPE_PREFERENCES_WINDOW (agent_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AgentPreferencesWindow, agent_preferences_window, AGENT, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWindow   *agent_preferences_window_new            (GtkWindow   *parent,
                                                      GSettings   *settings);
gboolean     agent_preferences_check_screen_pop_url  (const char  *template_,
                                                      char       **message);
char        *agent_preferences_sample_screen_pop_url (const char  *template_);

G_END_DECLS
