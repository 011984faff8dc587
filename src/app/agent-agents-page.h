/* agent-agents-page.h — the company's agents: list, add, edit, delete, passwords, show numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AGENT_TYPE_AGENTS_PAGE (agent_agents_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentAgentsPage, agent_agents_page, AGENT, AGENTS_PAGE, AdwBin)

GtkWidget  *agent_agents_page_new              (void);
GListModel *agent_agents_page_get_agents       (AgentAgentsPage *self);
gboolean    agent_agents_page_select_extension (AgentAgentsPage *self,
                                                const char      *extension);

G_END_DECLS
