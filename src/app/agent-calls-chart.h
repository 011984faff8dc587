/* agent-calls-chart.h — today's calls per hour: answered, missed, not answered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AGENT_CALLS_CHART_HOURS 24

#define AGENT_TYPE_CALLS_CHART (agent_calls_chart_get_type ())

G_DECLARE_FINAL_TYPE (AgentCallsChart, agent_calls_chart, AGENT, CALLS_CHART, GtkWidget)

GtkWidget   *agent_calls_chart_new            (void);
void         agent_calls_chart_set_hours      (AgentCallsChart *self,
                                               const guint     *answered,
                                               const guint     *missed,
                                               const guint     *unanswered);
guint        agent_calls_chart_get_answered   (AgentCallsChart *self,
                                               guint            hour);
guint        agent_calls_chart_get_missed     (AgentCallsChart *self,
                                               guint            hour);
guint        agent_calls_chart_get_unanswered (AgentCallsChart *self,
                                               guint            hour);
guint        agent_calls_chart_get_peak       (AgentCallsChart *self);

G_END_DECLS
