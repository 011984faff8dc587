/* bbh-code.h — one value of a coded field (字段代码值), as getCodes answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_CODE (bbh_code_get_type ())

G_DECLARE_FINAL_TYPE (BbhCode, bbh_code, BBH, CODE, GObject)

const char  *bbh_code_get_value      (BbhCode    *self);
const char  *bbh_code_get_text       (BbhCode    *self);
const char  *bbh_code_get_code_type  (BbhCode    *self);
char        *bbh_code_dup_field      (BbhCode    *self,
                                      const char *member);

G_END_DECLS
