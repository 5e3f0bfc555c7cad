/**
 * Generated from openapi/openapi.json by `npm run openapi:types`. Do not edit.
 */

export interface paths {
    "/chatbots/{chatbot}/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a visitor message (a chatbot's global URL)
         * @description For a deployment serving several chatbots (`CHATBOTS`): the chatbot named in the path answers, by `flow.last_question_id`: its handler of that question, else the shared handler, else its fallback, else the shared fallback, else `{}` (pass-through). A chatbot not configured, or a request whose `websiteId` is another chatbot's, is answered as `UNKNOWN_CHATBOT` says: `{}`, or 404.
         */
        post: operations["answerChatbotWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chatbots/{chatbot}/webhook/questions/{questionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a visitor message (a chatbot's per-question URL)
         * @description As the chatbot's global URL, routed by the question id in the path, whatever `flow.last_question_id` says. A question id that is not a non-negative integer is answered 400.
         */
        post: operations["answerChatbotQuestionWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a visitor message (global URL)
         * @description Routes by `flow.last_question_id` to the handler of that question, else to the fallback handler, else answers `{}` (pass-through). In a deployment serving several chatbots (`CHATBOTS`), the chatbot is the one whose `websiteId` the request carries, and its handlers answer as on its own URL; a request of no configured chatbot (or without `websiteId`) is answered as `UNKNOWN_CHATBOT` says: `{}`, or 404.
         */
        post: operations["answerWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook/questions/{questionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer a visitor message (per-question URL)
         * @description Routes by the question id in the path, whatever `flow.last_question_id` says, to its handler, else to the fallback handler, else answers `{}` (pass-through). A question id that is not a non-negative integer is answered 400.
         */
        post: operations["answerQuestionWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AreYouThereDto: {
            /**
             * @description If the visitor was idle for a minute, the chatbot asks whether someone is still there; this counts how many times that message was sent.
             * @example 0
             */
            index?: number | null;
        };
        BotResponseDto: {
            /**
             * @description Changes the current active question to the question with this id (e.g. skip a question or not, depending on the answer).
             * @example 5
             */
            flow?: number;
            /**
             * @description The possible answers of a LIST question, in order. Required with `LIST`, refused with any other type. Unique, not blank.
             * @example [
             *       "Model 3",
             *       "Model Y"
             *     ]
             */
            response_options?: string[];
            /**
             * @description The expected answer type. `LIST` requires `response_options`.
             * @example LIST
             * @enum {string}
             */
            response_type?: "TEXT" | "LIST" | "NAME" | "EMAIL" | "PHONE";
            /**
             * @description If true, the chatbot stops executing its script until the visitor talks again; false (or absent) lets the script go on after the texts.
             * @example true
             */
            stopChat?: boolean;
            /**
             * @description Texts to send to the visitor; each element is a separate message; no blank texts. An empty array sends none (`{"response":{"text":[],"stopChat":false}}` is a pass-through, as real clients send it). Ignored by Cliengo while a human agent has taken over the conversation.
             * @example [
             *       "Ok",
             *       "What model are you interested in?"
             *     ]
             */
            text?: string[];
        };
        ChatMessageDto: {
            /**
             * @description Who sent the message: `visitor` or `chatbot` (documented values; others are accepted).
             * @example visitor
             */
            sender: string;
            /**
             * @description The message text.
             * @example Hi! I'm Ariel, my email is ariel@example.com
             */
            text?: string | null;
        };
        CollectedDataDto: {
            /**
             * @description Answers to questions that have an `internal_name`, stored under that name. Values come in every JSON shape in real traffic (strings, numbers, numbers as strings, null, booleans, arrays, `{ "value": ... }` wrappers); a question without an internal name stores its answer under the empty key `""`. Keys starting with `dialog:` hold the state of this service's dialogs (`dialog:<name>`: the step asked, the attempts, the values, the items offered), written back by its replies.
             * @example {
             *       "custom_field": "example"
             *     }
             */
            custom?: {
                [key: string]: unknown;
            } | null;
            /** @description The detected visitor email. */
            email?: components["schemas"]["CollectedEmailDto"] | null;
            /**
             * @description Array of entities detected in the whole conversation.
             * @example []
             */
            entities?: unknown[] | null;
            /**
             * @description Array of intents detected in the whole conversation.
             * @example []
             */
            intent?: unknown[] | null;
            /** @description The detected visitor name. */
            name?: components["schemas"]["CollectedNameDto"] | null;
            /** @description The detected visitor phone. */
            phone?: components["schemas"]["CollectedPhoneDto"] | null;
        };
        CollectedEmailDto: {
            /**
             * @description The detected visitor email (as detected: not checked to be an address).
             * @example ariel@example.com
             */
            value?: string | null;
        };
        CollectedNameDto: {
            /**
             * @description The detected visitor name.
             * @example ariel
             */
            value?: string | null;
        };
        CollectedPhoneDto: {
            /**
             * @description The detected visitor phone, international format (the useful one).
             * @example +541138152222
             */
            international_format?: string | null;
            /**
             * @description The detected visitor phone, national format.
             * @example 011 3815-2222
             */
            national_format?: string | null;
        };
        EmailWriteDto: {
            /**
             * Format: email
             * @description Sets the visitor email in the chatbot memory (must be an email address).
             * @example juan@example.com
             */
            value: string;
        };
        ErrorBodyDto: {
            /**
             * @description The HTTP reason phrase.
             * @example Bad Request
             */
            error: string;
            /**
             * @description With a 400 on the contract: each offending field path (`chat_log.1.text`; `(root)` for the body itself) mapped to what is wrong there. At most 50 paths are listed.
             * @example {
             *       "chat_log": [
             *         "chat_log must be an array"
             *       ]
             *     }
             */
            fields?: {
                [key: string]: string[];
            };
            /**
             * @description What is wrong, in one sentence.
             * @example The request body does not match the Cliengo webhook contract
             */
            message: string;
            /**
             * @description The HTTP status code, repeated.
             * @example 400
             */
            statusCode: number;
        };
        FlowStateDto: {
            /**
             * @description The id of the last asked question: the routing key of the global webhook URL. Absent or null before the first question.
             * @example 3
             */
            last_question_id?: number | null;
            /**
             * @description Undocumented, seen in real traffic: details of the last question, e.g. a numeric `order` (its position in the script).
             * @example {
             *       "order": 2
             *     }
             */
            last_question_messages?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description How many times that question was retried (mandatory questions only).
             * @example 0
             */
            retry_count?: number | null;
        };
        NameWriteDto: {
            /**
             * @description Sets the visitor name in the chatbot memory.
             * @example Juan Roman
             */
            value: string;
        };
        PhoneWriteDto: {
            /**
             * @description Sets the visitor phone, international format.
             * @example 12343132112
             */
            international_format?: string;
            /**
             * @description Sets the visitor phone, national format.
             * @example 1234542123
             */
            national_format?: string;
        };
        VisitorDataDto: {
            /**
             * @description The URL where the visitor started the conversation.
             * @example https://lw.cliengo.com/?companyId=5
             */
            url?: string | null;
            /**
             * @description The UTM parameters the visitor arrived with.
             * @example &utm_source=Instagram&utm_medium=IGAds&utm_campaign=Campaign1
             */
            utms?: string | null;
            /**
             * @description The visitor IP.
             * @example 13.90.115.123
             */
            visitorIp?: string | null;
        };
        WebhookRequestDto: {
            /** @description The idle check: how many times the chatbot asked whether someone is there. */
            are_you_there?: components["schemas"]["AreYouThereDto"] | null;
            /**
             * @description The channel where the chatbot is answering. Documented: WEB, FACEBOOK, WHATSAPP; Cliengo also sends WEBSITE, INSTAGRAM, WSPLITE, EXTERNAL, and any other value is accepted.
             * @example WEB
             */
            channel: string;
            /** @description All the conversation messages, inbound and outbound, oldest first. May be missing or empty. The last entry is not always the visitor's: the visitor's latest message is the last entry whose sender is `visitor`. */
            chat_log?: components["schemas"]["ChatMessageDto"][] | null;
            /**
             * @description The chatbot's name.
             * @example Martín
             */
            chatbotName?: string | null;
            /** @description All information parsed from the text: the "chatbot memory". May be missing. */
            collected_data?: components["schemas"]["CollectedDataDto"] | null;
            /**
             * @description The customer's company ID.
             * @example 5de12d55e4b096a8283b6ed6
             */
            companyId?: string | null;
            /**
             * @description The conversation ID.
             * @example 5f0cbe62162e0dec1910d197
             */
            conversationId: string;
            /**
             * Format: date-time
             * @description Datetime the conversation started (ISO 8601).
             * @example 2020-07-13T20:04:51.904Z
             */
            creation_date?: string | null;
            /**
             * @description Array of the fired trigger IDs.
             * @example [
             *       "11123d55e4b096a8283b6ed8"
             *     ]
             */
            fired_triggers?: string[] | null;
            /** @description Where the chatbot's script stands: the last asked question and its retries. */
            flow?: components["schemas"]["FlowStateDto"] | null;
            /**
             * Format: date-time
             * @description Datetime of the last received message (ISO 8601).
             * @example 2020-07-13T20:04:59.595Z
             */
            last_interaction_date?: string | null;
            /**
             * Format: date-time
             * @description Datetime the conversation was posted to the CRM (ISO 8601).
             * @example 2020-07-13T20:05:59.606Z
             */
            lead_post_date?: string | null;
            /**
             * @description Whether this conversation was reactivated.
             * @example false
             */
            reactivated?: boolean | null;
            /**
             * @description Whether the plan exceeded its limits (FREE plan only).
             * @example false
             */
            softDisable?: boolean | null;
            /**
             * @description The conversation status; documented as always `ACTIVE` (other values are accepted).
             * @example ACTIVE
             */
            status?: string | null;
            /**
             * @description Array of flags.
             * @example [
             *       "fired_new_lead"
             *     ]
             */
            tags?: string[] | null;
            /** @description Visitor information, only for the WEB channel. */
            visitorData?: components["schemas"]["VisitorDataDto"] | null;
            /**
             * @description Unique ID of the visitor; its format depends on the channel.
             * @example ariel@example.com
             */
            visitorId?: string | null;
            /**
             * @description The visitor status; documented as always `ONLINE` (other values are accepted).
             * @example ONLINE
             */
            visitor_status?: string | null;
            /**
             * @description The website id where the chatbot is answering.
             * @example 5de12d55e4b096a8283b6ed8
             */
            websiteId?: string | null;
        };
        WebhookResponseDto: {
            /**
             * @description Per-key memory writes: each key given is set to its value, keys not given keep theirs; `null` clears a key. A value is any JSON value (string, number, boolean, null, array, object), as memory holds them, so memory read from the request can be written back as it is; the empty key `""` is the answer of a question without an internal name. Bounds: 1000 keys of up to 256 characters; in a value, strings of up to 20000 characters, 16 levels of nesting, 1000 items or keys per array or object, and 262144 characters of JSON per array or object value. Cliengo posts memory later to the CRM. A dialog of this service keeps its state under one key of its own, `dialog:<name>`, cleared (`null`) when the dialog ends.
             * @example {
             *       "cbu": null,
             *       "slots": [
             *         {
             *           "id": "a1",
             *           "label": "Lunes 10:00"
             *         }
             *       ],
             *       "userType": "advanced"
             *     }
             */
            custom?: {
                [key: string]: unknown;
            };
            /** @description Sets the visitor email in the chatbot memory. */
            email?: components["schemas"]["EmailWriteDto"];
            /** @description Sets the visitor name in the chatbot memory. */
            name?: components["schemas"]["NameWriteDto"];
            /** @description Sets the visitor phone in the chatbot memory. */
            phone?: components["schemas"]["PhoneWriteDto"];
            /** @description What the chatbot does next: texts, expected answer, stop, jump. */
            response?: components["schemas"]["BotResponseDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    answerChatbotWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The name of the chatbot this URL is set for, as `CHATBOTS` names it. */
                chatbot: string;
            };
            cookie?: never;
        };
        /** @description The chatbot memory, as Cliengo posts it for every visitor message. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequestDto"];
            };
        };
        responses: {
            /** @description The reply. Always 200 for a valid request: when the handler throws, overruns its deadline (counted from the request's arrival) or returns an invalid reply, the reply is the handler's fault reply (`onFault`) if it declares one, else `{}` (pass-through). Under overload (more calls in flight than `MAX_IN_FLIGHT`, or an event loop late by more than `MAX_EVENT_LOOP_LAG_MS` in successive turns) a call is shed: answered `{}` at once, before its body is read (unless `OVERLOAD_RESPONSE=503`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponseDto"];
                };
            };
            /** @description The body is not JSON, not an object, or breaks the contract. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Bad Request",
                     *       "fields": {
                     *         "chat_log": [
                     *           "chat_log must be an array"
                     *         ],
                     *         "flow.last_question_id": [
                     *           "last_question_id must be an integer number"
                     *         ]
                     *       },
                     *       "message": "The request body does not match the Cliengo webhook contract",
                     *       "statusCode": 400
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Access tokens are configured and the request carries none of them (in the path, the `token` query parameter, or `Authorization: Bearer`), checked before the body is read; or its token is another chatbot's (`ACCESS_TOKENS_{NAME}` open their chatbot's calls only; `ACCESS_TOKENS` open every chatbot), checked before the body on a per-chatbot URL, once the body gives the `websiteId` on the global URL. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unauthorized",
                     *       "message": "A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer",
                     *       "statusCode": 401
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `UNKNOWN_CHATBOT=404` (the default answers 200 `{}`): the call is for a chatbot the deployment does not serve: a per-chatbot URL naming no configured chatbot, a request whose `websiteId` is not the chatbot's in the URL, or, on the global URL of a deployment with `CHATBOTS`, a `websiteId` of none of them (or none at all). Logged and counted as the outcome `unknown-chatbot`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Not Found",
                     *       "message": "This deployment serves no chatbot of the request's websiteId",
                     *       "statusCode": 404
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is larger than the configured limit (`BODY_LIMIT`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Payload Too Large",
                     *       "message": "The request body is larger than the configured limit (BODY_LIMIT)",
                     *       "statusCode": 413
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not sent as UTF-8 JSON (`Content-Type: application/json` or `application/*+json`, no charset other than UTF-8), or is compressed other than with gzip, deflate or br. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unsupported Media Type",
                     *       "message": "The request body must be JSON (Content-Type: application/json); got \"text/plain\"",
                     *       "statusCode": 415
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A fault of the service itself (never of a handler: those answer 200 `{}`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal Server Error",
                     *       "message": "Internal server error",
                     *       "statusCode": 500
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `OVERLOAD_RESPONSE=503`: the call was shed under overload (see the 200 answer), before its body was read. Try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Service Unavailable",
                     *       "message": "The service is overloaded: try again shortly",
                     *       "statusCode": 503
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    answerChatbotQuestionWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The name of the chatbot this URL is set for, as `CHATBOTS` names it. */
                chatbot: string;
                /** @description The question id this URL is set for. */
                questionId: number;
            };
            cookie?: never;
        };
        /** @description The chatbot memory, as Cliengo posts it for every visitor message. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequestDto"];
            };
        };
        responses: {
            /** @description The reply. Always 200 for a valid request: when the handler throws, overruns its deadline (counted from the request's arrival) or returns an invalid reply, the reply is the handler's fault reply (`onFault`) if it declares one, else `{}` (pass-through). Under overload (more calls in flight than `MAX_IN_FLIGHT`, or an event loop late by more than `MAX_EVENT_LOOP_LAG_MS` in successive turns) a call is shed: answered `{}` at once, before its body is read (unless `OVERLOAD_RESPONSE=503`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponseDto"];
                };
            };
            /** @description The body is not JSON, not an object, or breaks the contract. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Bad Request",
                     *       "fields": {
                     *         "chat_log": [
                     *           "chat_log must be an array"
                     *         ],
                     *         "flow.last_question_id": [
                     *           "last_question_id must be an integer number"
                     *         ]
                     *       },
                     *       "message": "The request body does not match the Cliengo webhook contract",
                     *       "statusCode": 400
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Access tokens are configured and the request carries none of them (in the path, the `token` query parameter, or `Authorization: Bearer`), checked before the body is read; or its token is another chatbot's (`ACCESS_TOKENS_{NAME}` open their chatbot's calls only; `ACCESS_TOKENS` open every chatbot), checked before the body on a per-chatbot URL, once the body gives the `websiteId` on the global URL. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unauthorized",
                     *       "message": "A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer",
                     *       "statusCode": 401
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `UNKNOWN_CHATBOT=404` (the default answers 200 `{}`): the call is for a chatbot the deployment does not serve: a per-chatbot URL naming no configured chatbot, a request whose `websiteId` is not the chatbot's in the URL, or, on the global URL of a deployment with `CHATBOTS`, a `websiteId` of none of them (or none at all). Logged and counted as the outcome `unknown-chatbot`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Not Found",
                     *       "message": "This deployment serves no chatbot of the request's websiteId",
                     *       "statusCode": 404
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is larger than the configured limit (`BODY_LIMIT`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Payload Too Large",
                     *       "message": "The request body is larger than the configured limit (BODY_LIMIT)",
                     *       "statusCode": 413
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not sent as UTF-8 JSON (`Content-Type: application/json` or `application/*+json`, no charset other than UTF-8), or is compressed other than with gzip, deflate or br. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unsupported Media Type",
                     *       "message": "The request body must be JSON (Content-Type: application/json); got \"text/plain\"",
                     *       "statusCode": 415
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A fault of the service itself (never of a handler: those answer 200 `{}`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal Server Error",
                     *       "message": "Internal server error",
                     *       "statusCode": 500
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `OVERLOAD_RESPONSE=503`: the call was shed under overload (see the 200 answer), before its body was read. Try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Service Unavailable",
                     *       "message": "The service is overloaded: try again shortly",
                     *       "statusCode": 503
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    answerWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The chatbot memory, as Cliengo posts it for every visitor message. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequestDto"];
            };
        };
        responses: {
            /** @description The reply. Always 200 for a valid request: when the handler throws, overruns its deadline (counted from the request's arrival) or returns an invalid reply, the reply is the handler's fault reply (`onFault`) if it declares one, else `{}` (pass-through). Under overload (more calls in flight than `MAX_IN_FLIGHT`, or an event loop late by more than `MAX_EVENT_LOOP_LAG_MS` in successive turns) a call is shed: answered `{}` at once, before its body is read (unless `OVERLOAD_RESPONSE=503`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponseDto"];
                };
            };
            /** @description The body is not JSON, not an object, or breaks the contract. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Bad Request",
                     *       "fields": {
                     *         "chat_log": [
                     *           "chat_log must be an array"
                     *         ],
                     *         "flow.last_question_id": [
                     *           "last_question_id must be an integer number"
                     *         ]
                     *       },
                     *       "message": "The request body does not match the Cliengo webhook contract",
                     *       "statusCode": 400
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Access tokens are configured and the request carries none of them (in the path, the `token` query parameter, or `Authorization: Bearer`), checked before the body is read; or its token is another chatbot's (`ACCESS_TOKENS_{NAME}` open their chatbot's calls only; `ACCESS_TOKENS` open every chatbot), checked before the body on a per-chatbot URL, once the body gives the `websiteId` on the global URL. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unauthorized",
                     *       "message": "A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer",
                     *       "statusCode": 401
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `UNKNOWN_CHATBOT=404` (the default answers 200 `{}`): the call is for a chatbot the deployment does not serve: a per-chatbot URL naming no configured chatbot, a request whose `websiteId` is not the chatbot's in the URL, or, on the global URL of a deployment with `CHATBOTS`, a `websiteId` of none of them (or none at all). Logged and counted as the outcome `unknown-chatbot`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Not Found",
                     *       "message": "This deployment serves no chatbot of the request's websiteId",
                     *       "statusCode": 404
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is larger than the configured limit (`BODY_LIMIT`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Payload Too Large",
                     *       "message": "The request body is larger than the configured limit (BODY_LIMIT)",
                     *       "statusCode": 413
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not sent as UTF-8 JSON (`Content-Type: application/json` or `application/*+json`, no charset other than UTF-8), or is compressed other than with gzip, deflate or br. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unsupported Media Type",
                     *       "message": "The request body must be JSON (Content-Type: application/json); got \"text/plain\"",
                     *       "statusCode": 415
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A fault of the service itself (never of a handler: those answer 200 `{}`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal Server Error",
                     *       "message": "Internal server error",
                     *       "statusCode": 500
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `OVERLOAD_RESPONSE=503`: the call was shed under overload (see the 200 answer), before its body was read. Try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Service Unavailable",
                     *       "message": "The service is overloaded: try again shortly",
                     *       "statusCode": 503
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
    answerQuestionWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The question id this URL is set for. */
                questionId: number;
            };
            cookie?: never;
        };
        /** @description The chatbot memory, as Cliengo posts it for every visitor message. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRequestDto"];
            };
        };
        responses: {
            /** @description The reply. Always 200 for a valid request: when the handler throws, overruns its deadline (counted from the request's arrival) or returns an invalid reply, the reply is the handler's fault reply (`onFault`) if it declares one, else `{}` (pass-through). Under overload (more calls in flight than `MAX_IN_FLIGHT`, or an event loop late by more than `MAX_EVENT_LOOP_LAG_MS` in successive turns) a call is shed: answered `{}` at once, before its body is read (unless `OVERLOAD_RESPONSE=503`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponseDto"];
                };
            };
            /** @description The body is not JSON, not an object, or breaks the contract. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Bad Request",
                     *       "fields": {
                     *         "chat_log": [
                     *           "chat_log must be an array"
                     *         ],
                     *         "flow.last_question_id": [
                     *           "last_question_id must be an integer number"
                     *         ]
                     *       },
                     *       "message": "The request body does not match the Cliengo webhook contract",
                     *       "statusCode": 400
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Access tokens are configured and the request carries none of them (in the path, the `token` query parameter, or `Authorization: Bearer`), checked before the body is read; or its token is another chatbot's (`ACCESS_TOKENS_{NAME}` open their chatbot's calls only; `ACCESS_TOKENS` open every chatbot), checked before the body on a per-chatbot URL, once the body gives the `websiteId` on the global URL. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unauthorized",
                     *       "message": "A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer",
                     *       "statusCode": 401
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `UNKNOWN_CHATBOT=404` (the default answers 200 `{}`): the call is for a chatbot the deployment does not serve: a per-chatbot URL naming no configured chatbot, a request whose `websiteId` is not the chatbot's in the URL, or, on the global URL of a deployment with `CHATBOTS`, a `websiteId` of none of them (or none at all). Logged and counted as the outcome `unknown-chatbot`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Not Found",
                     *       "message": "This deployment serves no chatbot of the request's websiteId",
                     *       "statusCode": 404
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is larger than the configured limit (`BODY_LIMIT`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Payload Too Large",
                     *       "message": "The request body is larger than the configured limit (BODY_LIMIT)",
                     *       "statusCode": 413
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description The body is not sent as UTF-8 JSON (`Content-Type: application/json` or `application/*+json`, no charset other than UTF-8), or is compressed other than with gzip, deflate or br. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Unsupported Media Type",
                     *       "message": "The request body must be JSON (Content-Type: application/json); got \"text/plain\"",
                     *       "statusCode": 415
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description A fault of the service itself (never of a handler: those answer 200 `{}`). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Internal Server Error",
                     *       "message": "Internal server error",
                     *       "statusCode": 500
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
            /** @description Only with `OVERLOAD_RESPONSE=503`: the call was shed under overload (see the 200 answer), before its body was read. Try again after `Retry-After` seconds. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Service Unavailable",
                     *       "message": "The service is overloaded: try again shortly",
                     *       "statusCode": 503
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorBodyDto"];
                };
            };
        };
    };
}
