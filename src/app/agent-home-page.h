/* agent-home-page.h — the agent's day at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * AgentHomeCounts:
 * @in: incoming calls today
 * @out: calls the agent placed today
 * @missed: incoming calls nobody answered
 * @to_call_back: numbers missed and not called back since
 * @answered_in: incoming calls answered
 * @talk_seconds: talk time of all answered calls
 * @average_answer_seconds: how long answered incoming calls rang, on average
 */
typedef struct
{
  guint   in;
  guint   out;
  guint   missed;
  guint   to_call_back;
  guint   answered_in;
  gint64  talk_seconds;
  double  average_answer_seconds;
} AgentHomeCounts;

#define AGENT_TYPE_HOME_PAGE (agent_home_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentHomePage, agent_home_page, AGENT, HOME_PAGE, AdwBin)

GtkWidget             *agent_home_page_new         (void);
GListModel            *agent_home_page_get_calls   (AgentHomePage *self);
const AgentHomeCounts *agent_home_page_get_counts  (AgentHomePage *self);
gboolean               agent_home_page_get_loaded  (AgentHomePage *self);
guint                  agent_home_page_get_n_calls (AgentHomePage *self);

G_END_DECLS
