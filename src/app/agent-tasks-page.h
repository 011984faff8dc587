/* agent-tasks-page.h — outbound tasks: their progress, their numbers, and "Call next"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_TASKS_PAGE (agent_tasks_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentTasksPage, agent_tasks_page, AGENT, TASKS_PAGE, AdwBin)

GtkWidget    *agent_tasks_page_new             (void);
BbhTaskPhone *agent_tasks_page_get_current     (AgentTasksPage *self);
const char   *agent_tasks_page_get_call_state  (AgentTasksPage *self);
GListModel   *agent_tasks_page_get_tasks       (AgentTasksPage *self);
GListModel   *agent_tasks_page_get_numbers     (AgentTasksPage *self);

G_END_DECLS
