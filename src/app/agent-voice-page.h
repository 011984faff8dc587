/* agent-voice-page.h — voice verification codes, the IVR proxy-dial cache, SmartTel dialing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AGENT_TYPE_VOICE_PAGE (agent_voice_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentVoicePage, agent_voice_page, AGENT, VOICE_PAGE, AdwBin)

GtkWidget  *agent_voice_page_new        (void);
GListModel *agent_voice_page_get_audits (AgentVoicePage *self);

G_END_DECLS
