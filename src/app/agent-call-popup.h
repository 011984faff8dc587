/* agent-call-popup.h — the window that pops up on a call: who it is, what was said, a memo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bbh.h"
#include "agent-outbox.h"

G_BEGIN_DECLS

/**
 * AgentCallState:
 * @AGENT_CALL_STATE_IDLE: the pop-up follows no call (it waits in the pool)
 * @AGENT_CALL_STATE_RINGING: ringing (incoming) or dialing (outgoing)
 * @AGENT_CALL_STATE_TALKING: answered
 * @AGENT_CALL_STATE_ENDED: hung up after it was answered
 * @AGENT_CALL_STATE_MISSED: hung up before anyone answered
 */
typedef enum
{
  AGENT_CALL_STATE_IDLE,
  AGENT_CALL_STATE_RINGING,
  AGENT_CALL_STATE_TALKING,
  AGENT_CALL_STATE_ENDED,
  AGENT_CALL_STATE_MISSED,
} AgentCallState;

#define AGENT_TYPE_CALL_STATE (agent_call_state_get_type ())
GType agent_call_state_get_type (void) G_GNUC_CONST;

#define AGENT_TYPE_CALL_POPUP (agent_call_popup_get_type ())

G_DECLARE_FINAL_TYPE (AgentCallPopup, agent_call_popup, AGENT, CALL_POPUP, AdwWindow)

AgentCallPopup *agent_call_popup_new               (GtkApplication *application);
void            agent_call_popup_start             (AgentCallPopup *self,
                                                    BbhEvent       *event,
                                                    BbhClient      *client,
                                                    AgentOutbox    *outbox);
void            agent_call_popup_begin_lookups     (AgentCallPopup *self);
void            agent_call_popup_lookup_after_paint (AgentCallPopup *self);
void            agent_call_popup_update            (AgentCallPopup *self,
                                                    BbhEvent       *event);
void            agent_call_popup_reset             (AgentCallPopup *self);
void            agent_call_popup_close             (AgentCallPopup *self);
const char     *agent_call_popup_get_phone         (AgentCallPopup *self);
AgentCallState  agent_call_popup_get_state         (AgentCallPopup *self);
gboolean        agent_call_popup_get_outgoing      (AgentCallPopup *self);
gint64          agent_call_popup_get_msg_time      (AgentCallPopup *self);
gint64          agent_call_popup_get_cdr_id        (AgentCallPopup *self);
guint           agent_call_popup_get_talk_seconds  (AgentCallPopup *self);
BbhCustomer    *agent_call_popup_get_customer      (AgentCallPopup *self);
BbhCallRecord  *agent_call_popup_get_call_record   (AgentCallPopup *self);
const char     *agent_call_popup_get_section_state (AgentCallPopup *self,
                                                    const char     *section);
GtkTextBuffer  *agent_call_popup_get_memo_buffer   (AgentCallPopup *self);
gboolean        agent_call_popup_has_unsaved_memo  (AgentCallPopup *self);

G_END_DECLS
