/* agent-dialer.h — the dial field, its keypad, recent numbers and the progress of a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "agent-outbox.h"
#include "agent-session.h"

G_BEGIN_DECLS

/**
 * AgentDialMode:
 * @AGENT_DIAL_MODE_CALLBACK: callbackPhone: the server rings the agent, then the customer
 * @AGENT_DIAL_MODE_SMARTTEL: sendTelCall: a SmartTel phone box dials
 * @AGENT_DIAL_MODE_MESSAGE: sendMsg kind=1: the agent's phone app dials
 */
typedef enum
{
  AGENT_DIAL_MODE_CALLBACK,
  AGENT_DIAL_MODE_SMARTTEL,
  AGENT_DIAL_MODE_MESSAGE,
} AgentDialMode;

/**
 * AgentDialProgress:
 * @AGENT_DIAL_PROGRESS_NONE: nothing dialed, or dismissed
 * @AGENT_DIAL_PROGRESS_REQUESTING: the request is on its way to the server
 * @AGENT_DIAL_PROGRESS_CALLING_AGENT: callback: the agent's phone is ringing
 * @AGENT_DIAL_PROGRESS_CALLING_CUSTOMER: the customer's phone is ringing
 * @AGENT_DIAL_PROGRESS_CONNECTED: both sides talk
 * @AGENT_DIAL_PROGRESS_NO_ANSWER: a side did not answer
 * @AGENT_DIAL_PROGRESS_ENDED: the call is over
 * @AGENT_DIAL_PROGRESS_SENT: SmartTel or phone app: the dial order was delivered
 * @AGENT_DIAL_PROGRESS_FAILED: the server refused, or the number was wrong
 */
typedef enum
{
  AGENT_DIAL_PROGRESS_NONE,
  AGENT_DIAL_PROGRESS_REQUESTING,
  AGENT_DIAL_PROGRESS_CALLING_AGENT,
  AGENT_DIAL_PROGRESS_CALLING_CUSTOMER,
  AGENT_DIAL_PROGRESS_CONNECTED,
  AGENT_DIAL_PROGRESS_NO_ANSWER,
  AGENT_DIAL_PROGRESS_ENDED,
  AGENT_DIAL_PROGRESS_SENT,
  AGENT_DIAL_PROGRESS_FAILED,
} AgentDialProgress;

#define AGENT_TYPE_DIAL_MODE (agent_dial_mode_get_type ())
GType        agent_dial_mode_get_type       (void) G_GNUC_CONST;
#define AGENT_TYPE_DIAL_PROGRESS (agent_dial_progress_get_type ())
GType        agent_dial_progress_get_type   (void) G_GNUC_CONST;

#define AGENT_TYPE_DIALER (agent_dialer_get_type ())

G_DECLARE_FINAL_TYPE (AgentDialer, agent_dialer, AGENT, DIALER, AdwBin)

AgentDialer       *agent_dialer_new                 (AgentSession *session,
                                                     GSettings    *settings);
void               agent_dialer_set_outbox          (AgentDialer  *self,
                                                     AgentOutbox  *outbox);
void               agent_dialer_set_missed          (AgentDialer  *self,
                                                     GListModel   *missed);
gboolean           agent_dialer_dial                (AgentDialer  *self,
                                                     const char   *number);
AgentDialMode      agent_dialer_get_mode            (AgentDialer  *self);
AgentDialProgress  agent_dialer_get_progress        (AgentDialer  *self);
const char        *agent_dialer_get_progress_text   (AgentDialer  *self);
const char        *agent_dialer_get_error           (AgentDialer  *self);
const char        *agent_dialer_get_dialed_number   (AgentDialer  *self);
void               agent_dialer_set_poll_interval   (AgentDialer  *self,
                                                     guint         interval_ms);

G_END_DECLS
