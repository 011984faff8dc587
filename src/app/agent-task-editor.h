/* agent-task-editor.h — a new outbound task: settings, agents, numbers from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"
#include "agent-csv.h"

G_BEGIN_DECLS

#define AGENT_TYPE_TASK_EDITOR (agent_task_editor_get_type ())

G_DECLARE_FINAL_TYPE (AgentTaskEditor, agent_task_editor, AGENT, TASK_EDITOR, AdwWindow)

AgentTaskEditor *agent_task_editor_new             (BbhClient        *client,
                                                    GListModel       *flows,
                                                    const char       *company_number);
void             agent_task_editor_load_file       (AgentTaskEditor  *self,
                                                    GFile            *file,
                                                    AgentCsvEncoding  encoding);
gboolean         agent_task_editor_get_busy        (AgentTaskEditor  *self);
guint            agent_task_editor_get_n_numbers   (AgentTaskEditor  *self);
guint            agent_task_editor_get_n_problems  (AgentTaskEditor  *self);
const char      *agent_task_editor_get_problems    (AgentTaskEditor  *self);
gboolean         agent_task_editor_set_agents      (AgentTaskEditor  *self,
                                                    const char * const *extensions);
const char      *agent_task_editor_get_task_name   (AgentTaskEditor  *self);

G_END_DECLS
