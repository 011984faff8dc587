/* agent-power-monitor.h — suspend, resume and network changes: check out before the computer
 * sleeps, catch up and check in again when it wakes or the network comes back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "agent-outbox.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_POWER_MONITOR (agent_power_monitor_get_type ())

G_DECLARE_FINAL_TYPE (AgentPowerMonitor, agent_power_monitor, AGENT, POWER_MONITOR, GObject)

AgentPowerMonitor *agent_power_monitor_new             (AgentSession      *session,
                                                        GSettings         *settings,
                                                        GNetworkMonitor   *network);
AgentPowerMonitor *agent_power_monitor_install         (GtkApplication    *application,
                                                        AgentSession      *session,
                                                        GSettings         *settings);
AgentPowerMonitor *agent_power_monitor_get_for_application (GtkApplication *application);
void               agent_power_monitor_set_outbox      (AgentPowerMonitor *self,
                                                        AgentOutbox       *outbox);
AgentOutbox       *agent_power_monitor_get_outbox      (AgentPowerMonitor *self);
gboolean           agent_power_monitor_get_sleeping    (AgentPowerMonitor *self);
gboolean           agent_power_monitor_get_inhibited   (AgentPowerMonitor *self);
void               agent_power_monitor_prepare_for_sleep (AgentPowerMonitor *self,
                                                          gboolean           sleeping);
void               agent_power_monitor_network_changed (AgentPowerMonitor *self,
                                                        gboolean           available);

G_END_DECLS
