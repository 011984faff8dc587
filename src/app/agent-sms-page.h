/* agent-sms-page.h — send text messages; the ones sent and received this session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_SMS_PAGE (agent_sms_page_get_type ())

G_DECLARE_FINAL_TYPE (AgentSmsPage, agent_sms_page, AGENT, SMS_PAGE, AdwBin)

GtkWidget   *agent_sms_page_new            (void);
GListModel  *agent_sms_page_get_messages   (AgentSmsPage *self);
guint        agent_sms_page_get_n_chars    (AgentSmsPage *self);
gint64       agent_sms_page_get_last_batch (AgentSmsPage *self);
void         agent_sms_page_follow_session (AgentSession *session);

G_END_DECLS
