/* agent-agent-editor.h — add or edit an agent, with every field addExtension knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_AGENT_EDITOR (agent_agent_editor_get_type ())

G_DECLARE_FINAL_TYPE (AgentAgentEditor, agent_agent_editor, AGENT, AGENT_EDITOR, AdwWindow)

AgentAgentEditor *agent_agent_editor_new            (BbhClient        *client,
                                                     BbhAgent         *agent);
BbhAgent         *agent_agent_editor_get_agent      (AgentAgentEditor *self);

G_END_DECLS
