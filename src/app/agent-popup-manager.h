/* agent-popup-manager.h — which pop-up shows which call; missed calls and notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-call-popup.h"
#include "agent-dialer.h"
#include "agent-outbox.h"
#include "agent-session.h"

G_BEGIN_DECLS

#define AGENT_TYPE_POPUP_MANAGER (agent_popup_manager_get_type ())

G_DECLARE_FINAL_TYPE (AgentPopupManager, agent_popup_manager, AGENT, POPUP_MANAGER, GObject)

AgentPopupManager *agent_popup_manager_new              (GtkApplication    *application,
                                                         AgentSession      *session,
                                                         GSettings         *settings);
AgentPopupManager *agent_popup_manager_install          (GtkApplication    *application,
                                                         AgentSession      *session,
                                                         GSettings         *settings);
AgentPopupManager *agent_popup_manager_get_for_application (GtkApplication *application);
AgentOutbox       *agent_popup_manager_get_outbox       (AgentPopupManager *self);
void               agent_popup_manager_set_outbox       (AgentPopupManager *self,
                                                         AgentOutbox       *outbox);
AgentDialer       *agent_popup_manager_get_dialer       (AgentPopupManager *self);
GListModel        *agent_popup_manager_get_missed       (AgentPopupManager *self);
void               agent_popup_manager_clear_missed     (AgentPopupManager *self);
GListModel        *agent_popup_manager_get_popups       (AgentPopupManager *self);
AgentCallPopup    *agent_popup_manager_find_popup       (AgentPopupManager *self,
                                                         const char        *phone);
void               agent_popup_manager_handle_event     (AgentPopupManager *self,
                                                         BbhEvent          *event);
void               agent_popup_manager_prepare          (AgentPopupManager *self);
char              *agent_popup_manager_expand_url       (const char        *template_,
                                                         const char        *phone,
                                                         gint64             cdr_id,
                                                         const char        *extension,
                                                         gboolean           outgoing);

G_END_DECLS
